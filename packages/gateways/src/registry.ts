import type { GatewayConfig, GatewayMode } from './config.js';
import type { GatewayCapabilities, GatewayDefinition, GatewayKeys } from './definition.js';
import type { PaymentGateway } from './interface.js';
import { sandboxDefinition } from './sandbox/definition.js';
import { razorpayDefinition } from './razorpay/definition.js';
import { stripeDefinition } from './stripe/definition.js';

/**
 * Every gateway the platform knows. Adding one = a folder with a `definition.ts` + one line here
 * (see README.md).
 */
const definitions = {
  sandbox: sandboxDefinition,
  stripe: stripeDefinition,
  razorpay: razorpayDefinition,
} as const satisfies Record<string, GatewayDefinition>;

/** Registry names of the gateways. */
export type GatewayName = keyof typeof definitions;

/** All registry names, for enums and validation. */
export const gatewayNames = Object.keys(definitions).filter(isGatewayName);

/** Narrows a string (from the database or an API input) to a gateway name. */
export function isGatewayName(value: string): value is GatewayName {
  return Object.hasOwn(definitions, value);
}

/** Label and capabilities of a gateway, for admin screens. */
export function gatewayInfo(name: GatewayName): { name: GatewayName; label: string; supportsLiveMode: boolean; capabilities: GatewayCapabilities } {
  const definition: GatewayDefinition = definitions[name];
  return { name, label: definition.label, supportsLiveMode: definition.supportsLiveMode, capabilities: { ...definition.capabilities } };
}

/** Builds a gateway client. Check the keys with `validateKeyForMode` first. */
export function createGateway(name: GatewayName, config: GatewayConfig): PaymentGateway {
  const definition: GatewayDefinition = definitions[name];
  return definition.create(config);
}

/**
 * The mode a key belongs to by its prefix: Stripe `sk_test_`/`sk_live_`/`rk_test_`/`rk_live_`,
 * Razorpay key ids `rzp_test_`/`rzp_live_`. Pass a string (the secret key; for Razorpay the key id)
 * or both keys. Undefined when the key is unrecognisable.
 */
export function detectKeyMode(name: GatewayName, keys: GatewayKeys | string): GatewayMode | undefined {
  const definition: GatewayDefinition = definitions[name];
  return definition.detectKeyMode(typeof keys === 'string' ? { secretKey: keys, publishableKey: keys } : keys);
}

/** Result of {@link validateKeyForMode}. */
export type KeyValidation =
  | { ok: true }
  | {
      ok: false;
      /** `mode_not_supported`: e.g. live mode on the sandbox; `unrecognized_key`: wrong format; `mode_mismatch`: a live key saved as test or the reverse. */
      reason: 'mode_not_supported' | 'unrecognized_key' | 'mode_mismatch';
      /** Message for the staff user (never echoes the key). */
      message: string;
    };

/** Checks that keys fit the gateway and the chosen mode, so a live key is never used as a test one. */
export function validateKeyForMode(name: GatewayName, mode: GatewayMode, keys: GatewayKeys): KeyValidation {
  const definition: GatewayDefinition = definitions[name];
  if (mode === 'live' && !definition.supportsLiveMode) {
    return { ok: false, reason: 'mode_not_supported', message: `${definition.label} supports test mode only` };
  }
  const detected = definition.detectKeyMode(keys);
  if (detected === undefined) return { ok: false, reason: 'unrecognized_key', message: `The keys do not look like ${definition.label} keys` };
  if (detected !== mode) return { ok: false, reason: 'mode_mismatch', message: `The keys are ${detected} keys but the mode is ${mode}` };
  return { ok: true };
}

export type { GatewayCapabilities, GatewayDefinition, GatewayKeys, PaymentGateway };
