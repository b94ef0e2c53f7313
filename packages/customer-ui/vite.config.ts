import { defineAppViteConfig } from '@payrail/ui-common/vite';

export default defineAppViteConfig({ portEnv: 'PAYRAIL_CUSTOMER_UI_PORT', defaultPort: 5174 });
