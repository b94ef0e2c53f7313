import type { GatewayConfig, GatewayMode } from './config.js';
import type { PaymentGateway } from './interface.js';

/** The keys a staff user enters for a gateway. */
export interface GatewayKeys {
  /** Publishable key (Stripe `pk_...`) or key id (Razorpay `rzp_...`). */
  publishableKey?: string;
  /** Secret key. */
  secretKey: string;
}

/** Differences between gateways that screens and workflows must know about. */
export interface GatewayCapabilities {
  /** `cancel` can release a held authorization (Razorpay cannot: it expires on its own). */
  voidAuthorization: boolean;
  /** `capture` accepts less than the authorized amount (Razorpay captures the full amount only). */
  partialCapture: boolean;
}

/** What each gateway folder contributes to the registry. */
export interface GatewayDefinition {
  /** Human-readable name for admin screens. */
  label: string;
  /** False for gateways that never move real money (sandbox). */
  supportsLiveMode: boolean;
  /** What the gateway can do beyond the common verbs. */
  capabilities: GatewayCapabilities;
  /** Builds the client. */
  create(config: GatewayConfig): PaymentGateway;
  /** The mode the keys belong to, judged by their prefixes; undefined when unrecognisable. */
  detectKeyMode(keys: GatewayKeys): GatewayMode | undefined;
}
