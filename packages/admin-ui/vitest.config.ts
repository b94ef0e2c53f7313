import { defineAppVitestConfig } from '@payrail/ui-common/vite';

export default defineAppVitestConfig();
