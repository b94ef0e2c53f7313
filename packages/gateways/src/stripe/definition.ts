import type { GatewayDefinition } from '../definition.js';
import { StripeGateway } from './client.js';

/** Registry entry: `sk_test_`/`rk_test_` keys are test mode, `sk_live_`/`rk_live_` live mode. */
export const stripeDefinition: GatewayDefinition = {
  label: 'Stripe',
  supportsLiveMode: true,
  capabilities: { voidAuthorization: true, partialCapture: true },
  create: (config) => new StripeGateway(config),
  detectKeyMode: ({ secretKey, publishableKey }) => {
    const secretMode = /^(sk|rk)_test_/.test(secretKey) ? 'test' : /^(sk|rk)_live_/.test(secretKey) ? 'live' : undefined;
    if (secretMode === undefined || publishableKey === undefined || publishableKey === secretKey) return secretMode;
    const publishableMode = publishableKey.startsWith('pk_test_') ? 'test' : publishableKey.startsWith('pk_live_') ? 'live' : undefined;
    // A publishable key from the other mode is a pasting mistake: refuse to guess.
    return publishableMode === secretMode ? secretMode : undefined;
  },
};
