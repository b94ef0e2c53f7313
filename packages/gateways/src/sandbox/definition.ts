import type { GatewayDefinition } from '../definition.js';
import { SandboxGateway } from './gateway.js';

/** Registry entry: the sandbox accepts any non-empty key and only test mode. */
export const sandboxDefinition: GatewayDefinition = {
  label: 'Sandbox (simulated, test mode only)',
  supportsLiveMode: false,
  capabilities: { voidAuthorization: true, partialCapture: true },
  create: (config) => new SandboxGateway(config),
  detectKeyMode: ({ secretKey }) => (secretKey.trim() === '' ? undefined : 'test'),
};
