import { defineQuery, defineSignal } from '@temporalio/workflow';
import { HOLD_SETTLED_SIGNAL, HOLD_STATE_QUERY, type HoldSettledPayload, type HoldState } from '@payrail/api/workflow-contracts';

// The hold workflow's signal and query under the API's wire names. Bundled into the sandbox.

export const holdSettledSignal = defineSignal<[HoldSettledPayload]>(HOLD_SETTLED_SIGNAL);
export const holdStateQuery = defineQuery<HoldState>(HOLD_STATE_QUERY);

/** How long before the gateway drops the authorization the workflow acts, so a capture still succeeds. */
export const ACT_BEFORE_EXPIRY_MS = 60 * 60 * 1000;
/** Staff hear about a hold this long before it expires. */
export const NOTIFY_BEFORE_EXPIRY_MS = 24 * 60 * 60 * 1000;

export interface ExpireHoldInput {
  paymentId: string;
  action: 'cancel' | 'capture';
}
