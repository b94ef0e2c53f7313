import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { HoldState, HoldWorkflowInput } from '@payrail/api/workflow-contracts';
import type { createNotificationActivities } from '../notifications/activities.js';
import type { createHoldActivities } from './activities.js';
import { ACT_BEFORE_EXPIRY_MS, holdSettledSignal, holdStateQuery, NOTIFY_BEFORE_EXPIRY_MS } from './shared.js';

const { holdPhase, expireHold } = proxyActivities<ReturnType<typeof createHoldActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});
const { notifyHoldExpiring } = proxyActivities<ReturnType<typeof createNotificationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', maximumAttempts: 20 },
});

/**
 * Watches one manual-capture authorization (workflow id `hold:<paymentId>`): ends when staff or a
 * partner capture or cancel it (PaymentsService signals `holdSettled`), tells staff a day before it
 * expires, and shortly before the gateway would drop it cancels or captures it per the key's setting.
 * Before each step it reads the payment, so a signal lost while Temporal was unreachable changes nothing.
 */
export async function holdWorkflow(input: HoldWorkflowInput): Promise<HoldState> {
  const expiresMs = Date.parse(input.expiresAt);
  const state: HoldState = {
    paymentId: input.paymentId,
    phase: 'held',
    expiresAt: input.expiresAt,
    actAt: new Date(expiresMs - ACT_BEFORE_EXPIRY_MS).toISOString(),
    notifyAt: new Date(expiresMs - NOTIFY_BEFORE_EXPIRY_MS).toISOString(),
    expiryAction: input.expiryAction,
    notifiedAt: null,
  };
  setHandler(holdStateQuery, () => ({ ...state }));
  setHandler(holdSettledSignal, ({ outcome }) => {
    if (state.phase === 'held') state.phase = outcome;
  });
  const settled = () => state.phase !== 'held';
  // A zero timer is not a wait: a time already past is checked at once.
  const settledBy = async (iso: string): Promise<boolean> => {
    const ms = Date.parse(iso) - Date.now();
    return ms > 0 ? await condition(settled, ms) : settled();
  };

  if (!(await settledBy(state.notifyAt))) {
    state.phase = await holdPhase({ paymentId: input.paymentId });
    if (settled()) return state;
    await notifyHoldExpiring({ paymentId: input.paymentId, expiresAt: input.expiresAt, expiryAction: input.expiryAction });
    state.notifiedAt = new Date(Date.now()).toISOString();
  }
  if (await settledBy(state.actAt)) return state;
  state.phase = await expireHold({ paymentId: input.paymentId, action: input.expiryAction });
  return state;
}
