import type { FailureCode } from '../errors.js';

/** What a sandbox test card does when charged. */
export type SandboxCardBehaviour =
  /** Every charge succeeds. */
  | { kind: 'succeeds' }
  /** Charges fail with this decline code (saving the card fails too, as on Stripe). */
  | { kind: 'declines'; code: FailureCode }
  /** Saving works, every charge then declines with `card_declined` (Stripe's 0341 card). */
  | { kind: 'saves_then_declines' }
  /** On-session charges need 3-D Secure; once saved, off-session charges pass (a mandate exists). */
  | { kind: 'requires_3ds' }
  /** Every charge needs 3-D Secure, so off-session charges fail with `authentication_required`. */
  | { kind: 'always_requires_3ds' }
  /**
   * The first authorize per idempotency key throws a retryable `gateway_unavailable` GatewayError
   * (as if the connection dropped before the gateway processed it); the retry with the same key
   * succeeds. Demonstrates that retrying with the same key is safe.
   */
  | { kind: 'network_error_once' };

/** A test card the sandbox knows. */
export interface SandboxTestCard {
  /** Full test number (sandbox only: never a real card). */
  number: string;
  /** Short name; `tok_sandbox_<name>` is the matching token. */
  name: string;
  /** Brand reported when saved. */
  brand: string;
  /** What charging it does. */
  behaviour: SandboxCardBehaviour;
}

/**
 * The sandbox's test cards, numbered like Stripe's so the same numbers work on both.
 * Note on 4000000000000119: Stripe reports `processing_error` as a card error on the payment, so the
 * sandbox returns a `failed` result with a soft `processing_error` (retry later), not an exception;
 * use 4000000000000408 for an outage-style exception.
 */
export const sandboxTestCards: readonly SandboxTestCard[] = [
  { number: '4242424242424242', name: 'success', brand: 'visa', behaviour: { kind: 'succeeds' } },
  { number: '5555555555554444', name: 'mastercard', brand: 'mastercard', behaviour: { kind: 'succeeds' } },
  { number: '4000000000000002', name: 'declined', brand: 'visa', behaviour: { kind: 'declines', code: 'card_declined' } },
  { number: '4000000000009995', name: 'insufficient_funds', brand: 'visa', behaviour: { kind: 'declines', code: 'insufficient_funds' } },
  { number: '4000000000000069', name: 'expired_card', brand: 'visa', behaviour: { kind: 'declines', code: 'expired_card' } },
  { number: '4000000000000127', name: 'incorrect_cvc', brand: 'visa', behaviour: { kind: 'declines', code: 'incorrect_cvc' } },
  { number: '4000000000009987', name: 'lost_or_stolen', brand: 'visa', behaviour: { kind: 'declines', code: 'lost_or_stolen' } },
  { number: '4000002500003155', name: 'requires_3ds', brand: 'visa', behaviour: { kind: 'requires_3ds' } },
  { number: '4000002760003184', name: 'always_requires_3ds', brand: 'visa', behaviour: { kind: 'always_requires_3ds' } },
  { number: '4000000000000119', name: 'processing_error', brand: 'visa', behaviour: { kind: 'declines', code: 'processing_error' } },
  { number: '4000000000000341', name: 'charge_fails_after_save', brand: 'visa', behaviour: { kind: 'saves_then_declines' } },
  { number: '4000000000000408', name: 'network_error_once', brand: 'visa', behaviour: { kind: 'network_error_once' } },
];

const tokenPrefix = 'tok_sandbox_';

/** The token the sandbox accepts for a card name, e.g. `tok_sandbox_declined`. */
export function sandboxTokenFor(name: string): string {
  return `${tokenPrefix}${name}`;
}

/** Finds the test card for a card number (spaces and dashes ignored) or a `tok_sandbox_<name>` token. */
export function findSandboxTestCard(token: string): SandboxTestCard | undefined {
  if (token.startsWith(tokenPrefix)) {
    const name = token.slice(tokenPrefix.length);
    return sandboxTestCards.find((card) => card.name === name);
  }
  const digits = token.replace(/[\s-]/g, '');
  return sandboxTestCards.find((card) => card.number === digits);
}
