import type { GatewayDefinition } from '../definition.js';
import { RazorpayGateway } from './client.js';

/** Registry entry: the mode is in the key id (`rzp_test_...` / `rzp_live_...`); the key secret has no prefix. */
export const razorpayDefinition: GatewayDefinition = {
  label: 'Razorpay',
  supportsLiveMode: true,
  capabilities: { voidAuthorization: false, partialCapture: false },
  create: (config) => new RazorpayGateway(config),
  detectKeyMode: ({ publishableKey }) => {
    if (publishableKey === undefined) return undefined;
    if (publishableKey.startsWith('rzp_test_')) return 'test';
    if (publishableKey.startsWith('rzp_live_')) return 'live';
    return undefined;
  },
};
