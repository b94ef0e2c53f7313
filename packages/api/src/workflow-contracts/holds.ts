/** Workflow type that watches one manual-capture authorization until capture, cancel or expiry. */
export const HOLD_WORKFLOW = 'holdWorkflow';

export const holdWorkflowId = (paymentId: string): string => `hold:${paymentId}`;

export type HoldExpiryAction = 'cancel' | 'capture';

export interface HoldWorkflowInput {
  paymentId: string;
  /** ISO instant the gateway drops the authorization. */
  expiresAt: string;
  expiryAction: HoldExpiryAction;
}

/** held → settled by staff/partner (captured, canceled) or by the workflow at expiry. */
export type HoldPhase = 'held' | 'captured' | 'canceled' | 'expired' | 'auto_captured' | 'auto_canceled';

export interface HoldState {
  paymentId: string;
  phase: HoldPhase;
  expiresAt: string;
  /** When the workflow acts: shortly before the gateway would drop the authorization. */
  actAt: string;
  /** When staff are told the hold is about to expire (a day before). */
  notifyAt: string;
  expiryAction: HoldExpiryAction;
  notifiedAt: string | null;
}

/** Sent by PaymentsService after a capture or cancel, so the workflow ends without waiting for expiry. */
export const HOLD_SETTLED_SIGNAL = 'holdSettled';
export type HoldSettledPayload = { outcome: 'captured' | 'canceled' };

export const HOLD_STATE_QUERY = 'holdState';
