import { declineInPlainWords, formatMoney } from '@payrail/api/services';

// One template per event: subject and plain-text body. Amounts are formatted from minor units at this
// edge only; the reason is in plain words, never a gateway code.

export interface RenderedMessage {
  subject: string;
  body: string;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export interface PaymentFailedView {
  customerName: string;
  amountMinor: number;
  currency: string;
  invoiceNumber: string | null;
  failureCode: string | null;
  retryAt: string | null;
  finalAction: 'cancel' | 'pause' | null;
  updateCardUrl: string;
}

export function paymentFailedEmail(v: PaymentFailedView): RenderedMessage {
  const amount = formatMoney(v.amountMinor, v.currency);
  const what = v.invoiceNumber ? `${amount} for invoice ${v.invoiceNumber}` : amount;
  const next =
    v.finalAction === 'cancel' ? 'We have stopped trying, and your subscription is canceled.'
    : v.finalAction === 'pause' ? 'We have stopped trying, and your subscription is paused until you update your card.'
    : v.retryAt ? `We will try again on ${day(v.retryAt)}.`
    : 'We will try again soon.';
  return {
    subject: v.finalAction ? `Your subscription payment of ${amount} failed: action needed` : `Your payment of ${amount} failed`,
    body: [
      `Hello ${v.customerName},`,
      '',
      `We could not charge ${what}: ${declineInPlainWords(v.failureCode)}.`,
      next,
      '',
      `Update your card or pay now: ${v.updateCardUrl}`,
      '',
      'Payrail Billing',
    ].join('\n'),
  };
}

export function staffPaymentFailedNote(v: PaymentFailedView & { customerEmail: string; scheduleId: string | null; paymentId: string | null }): RenderedMessage {
  const amount = formatMoney(v.amountMinor, v.currency);
  const outcome = v.finalAction ? `dunning ended: schedule ${v.finalAction === 'cancel' ? 'canceled' : 'paused'}` : v.retryAt ? `retry on ${day(v.retryAt)}` : 'retry pending';
  return {
    subject: `Failed payment: ${amount} from ${v.customerEmail} (${v.failureCode ?? 'unknown'})`,
    body: `Payment ${v.paymentId ?? '(none)'} of ${amount} failed (${v.failureCode ?? 'unknown'}) for ${v.customerEmail}; schedule ${v.scheduleId ?? '(none)'}; ${outcome}.`,
  };
}

export function staffHoldExpiringNote(v: { paymentId: string; amountMinor: number; currency: string; expiresAt: string; expiryAction: 'cancel' | 'capture'; customerEmail: string | null }): RenderedMessage {
  const amount = formatMoney(v.amountMinor, v.currency);
  return {
    subject: `Hold of ${amount} expires ${day(v.expiresAt)}`,
    body: `The authorization ${v.paymentId} of ${amount}${v.customerEmail ? ` (${v.customerEmail})` : ''} expires at ${v.expiresAt}. Capture or cancel it before then; otherwise it will be ${v.expiryAction === 'capture' ? 'captured' : 'canceled'} automatically.`,
  };
}
