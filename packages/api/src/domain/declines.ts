/**
 * Failure codes no retry can fix: the card is gone, closed or blocked. Dunning stops at once on these
 * and asks the customer for a new card; every other decline (insufficient funds, a generic decline,
 * a processing error) is worth retrying later.
 */
const HARD_DECLINE_CODES = new Set([
  'lost_or_stolen',
  'stolen_card',
  'lost_card',
  'expired_card',
  'fraudulent',
  'pickup_card',
  'restricted_card',
  'card_not_supported',
  'invalid_account',
  'account_closed',
  'revocation_of_authorization',
  'recurring_not_allowed',
  'payment_method_removed',
]);

export function isHardDecline(failureCode: string | null | undefined): boolean {
  return failureCode != null && HARD_DECLINE_CODES.has(failureCode);
}

/** A decline in words a customer understands, for emails and the portal. */
export function declineInPlainWords(failureCode: string | null | undefined): string {
  switch (failureCode) {
    case 'insufficient_funds':
      return 'your card did not have enough funds';
    case 'expired_card':
      return 'your card has expired';
    case 'lost_or_stolen':
    case 'lost_card':
    case 'stolen_card':
      return 'your card was reported lost or stolen';
    case 'incorrect_cvc':
      return 'the security code did not match';
    case 'authentication_required':
      return 'your bank asked you to confirm the payment';
    case 'processing_error':
      return 'the card network had a temporary problem';
    case 'recurring_not_allowed':
    case 'payment_method_removed':
      return 'the saved card can no longer be charged automatically';
    case 'card_declined':
    default:
      return 'your bank declined the payment';
  }
}
