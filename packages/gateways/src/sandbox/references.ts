/**
 * Self-describing sandbox references. Sandbox state lives in one process's memory, but the API and the
 * Temporal worker are separate processes: a method saved through the API is charged by the worker, a
 * hold placed by the API is captured by the worker. So method and payment ids carry what another
 * process needs to rebuild them (card, amount, currency, capture method) when its own store has never
 * seen them. A per-store instance tag keeps ids from two processes apart.
 */
import type { CaptureMethod } from '../interface.js';
import { sandboxTestCards, type SandboxTestCard } from './test-cards.js';

function cardCode(card: SandboxTestCard): string {
  return String(sandboxTestCards.indexOf(card)).padStart(2, '0');
}

function cardOfCode(code: string): SandboxTestCard | undefined {
  return sandboxTestCards[Number(code)];
}

/** `pm_sbx_<tag><seq>_<card code>`. */
export function methodReference(uniquePart: string, card: SandboxTestCard): string {
  return `pm_sbx_${uniquePart}_${cardCode(card)}`;
}

/** The card a method id names, if it is a sandbox method id. */
export function cardOfMethodReference(methodId: string): SandboxTestCard | undefined {
  const match = /^pm_sbx_[a-z0-9]+_(\d{2})$/.exec(methodId);
  return match?.[1] === undefined ? undefined : cardOfCode(match[1]);
}

/** What a payment id says about the payment. */
export interface PaymentReferenceFacts {
  amountMinor: number;
  currency: string;
  captureMethod: CaptureMethod;
  card: SandboxTestCard;
}

/** `pay_sbx_<tag><seq>_<amount>_<currency>_<a|m>_<card code>`. */
export function paymentReference(uniquePart: string, facts: PaymentReferenceFacts): string {
  return `pay_sbx_${uniquePart}_${facts.amountMinor}_${facts.currency}_${facts.captureMethod === 'manual' ? 'm' : 'a'}_${cardCode(facts.card)}`;
}

/** Parses a payment id made by {@link paymentReference}. */
export function factsOfPaymentReference(reference: string): PaymentReferenceFacts | undefined {
  const match = /^pay_sbx_[a-z0-9]+_(\d+)_([A-Z]{3})_([am])_(\d{2})$/.exec(reference);
  if (match === null) return undefined;
  const [, amount, currency, mode, code] = match;
  const card = code === undefined ? undefined : cardOfCode(code);
  if (amount === undefined || currency === undefined || card === undefined) return undefined;
  return { amountMinor: Number(amount), currency, captureMethod: mode === 'm' ? 'manual' : 'automatic', card };
}
