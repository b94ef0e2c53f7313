import type { GatewayConfig, GatewayMode } from './config.js';
import type { PaymentGateway } from './interface.js';

/** The keys a staff user enters for a gateway. */
export interface GatewayKeys {
  /** Publishable key (Stripe `pk_...`) or key id (Razorpay `rzp_...`). */
  publishableKey?: string;
  /** Secret key. */
  secretKey: string;
}

/** What each gateway folder contributes to the registry. */
export interface GatewayDefinition {
  /** Human-readable name for admin screens. */
  label: string;
  /** False for gateways that never move real money (sandbox). */
  supportsLiveMode: boolean;
  /** Builds the client. */
  create(config: GatewayConfig): PaymentGateway;
  /** The mode the keys belong to, judged by their prefixes; undefined when unrecognisable. */
  detectKeyMode(keys: GatewayKeys): GatewayMode | undefined;
}
