// Inputs of the notification activities (used by the recurring and hold workflows). No Node APIs:
// workflows import these types.
export type { PaymentFailedNotice } from '../recurring/shared.js';

export interface HoldExpiringNotice {
  paymentId: string;
  expiresAt: string;
  expiryAction: 'cancel' | 'capture';
}

/** What a notification activity did on each channel; `already_sent` means a retry found it delivered. */
export type DeliveryResult = Record<'email' | 'staff' | 'partner_event', 'sent' | 'already_sent' | 'skipped'>;
