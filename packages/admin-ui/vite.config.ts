import { defineAppViteConfig } from '@payrail/ui-common/vite';

export default defineAppViteConfig({ portEnv: 'PAYRAIL_ADMIN_UI_PORT', defaultPort: 5173 });
