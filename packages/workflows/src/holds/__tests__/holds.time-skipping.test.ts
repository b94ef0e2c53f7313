import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWorkflowId, Notification, SYSTEM } from '@payrail/api/services';
import { uniqueKey } from '@payrail/api/testing';
import { createWorker } from '../../worker.js';
import { quietTemporalRuntime, temporalEnv, workflowBundle } from '../../__tests__/temporal-env.js';
import { customerWithCard, mailTo, openDomainEnv, type DomainEnv } from '../../__tests__/domain-env.js';
import type { holdWorkflow } from '../workflows.js';

const testServerPath = temporalEnv('TEMPORAL_TEST_SERVER_PATH');
const HOUR_MS = 3_600_000;

describe.skipIf(testServerPath === undefined)('manual-capture holds on the time-skipping test server', () => {
  const taskQueue = `test-holds-${randomUUID()}`;
  let env: TestWorkflowEnvironment;
  let domain: DomainEnv;

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath! } } });
    domain = await openDomainEnv(env.address, taskQueue);
  });

  afterAll(async () => {
    await domain?.close();
    await env?.teardown();
  });

  const newWorker = async (): Promise<Worker> =>
    createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), activities: domain.activities });

  async function placeHold(settings: { authorizationTtlHours: number; holdExpiryAction: 'cancel' | 'capture' }) {
    const { key, customer } = await customerWithCard(domain, '4242424242424242', settings);
    // PaymentsService starts `hold:<paymentId>` itself once the authorization lands.
    const payment = await domain.api.services.payments.initiate(SYSTEM, {
      idempotencyKey: uniqueKey('hold'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 12_500, currency: 'USD', paymentToken: '4242424242424242', captureMethod: 'manual',
    });
    expect(payment.status).toBe('authorized');
    return { payment, handle: env.client.workflow.getHandle<typeof holdWorkflow>(holdWorkflowId(payment.id)) };
  }

  it('tells staff a day before expiry, then auto-cancels an uncaptured hold before the gateway drops it', async () => {
    const worker = await newWorker();
    const { payment, handle } = await placeHold({ authorizationTtlHours: 72, holdExpiryAction: 'cancel' });
    const wallStart = performance.now();
    const startedAt = await env.currentTimeMs();
    const final = await worker.runUntil(handle.result());
    const wallMs = performance.now() - wallStart;

    expect(final.phase).toBe('auto_canceled');
    expect(Date.parse(final.notifiedAt!) - startedAt).toBeGreaterThanOrEqual(47 * HOUR_MS);
    expect(Date.parse(final.notifiedAt!)).toBeLessThanOrEqual(Date.parse(payment.authorizationExpiresAt!.toISOString()) - 24 * HOUR_MS + 60_000);
    expect((await domain.api.services.payments.load(payment.id)).status).toBe('canceled');
    const notes = await domain.api.services.orm.em.fork().find(Notification, { paymentId: payment.id });
    expect(notes.map((n) => [n.kind, n.channel, n.status])).toEqual([['hold_expiring', 'staff', 'sent']]);
    const staffMail = await mailTo(domain.api.services.config.PAYRAIL_STAFF_EMAIL!);
    expect(staffMail.some((m) => m.subject === 'Hold of $125.00 expires ' + new Date(payment.authorizationExpiresAt!).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }) && m.text.includes('canceled automatically'))).toBe(true);
    console.info(`hold of 72 h to auto-cancel: ${Math.round(wallMs)} ms wall time`);
  });

  it('auto-captures at expiry when the key says so', async () => {
    const worker = await newWorker();
    const { payment, handle } = await placeHold({ authorizationTtlHours: 30, holdExpiryAction: 'capture' });
    expect((await worker.runUntil(handle.result())).phase).toBe('auto_captured');
    expect(await domain.api.services.payments.load(payment.id)).toMatchObject({ status: 'captured', capturedMinor: 12_500 });
  });

  it('ends at once when staff capture: the service signals the workflow, nothing is canceled later', async () => {
    const worker = await newWorker();
    const { payment, handle } = await placeHold({ authorizationTtlHours: 168, holdExpiryAction: 'cancel' });
    // Captured before the worker first runs the workflow: the signal waits in its history, as it would
    // for a busy worker; the workflow ends without sleeping to the notice or the expiry.
    await domain.api.services.payments.capture(SYSTEM, payment.id, uniqueKey('capture'), 5_000);
    const final = await worker.runUntil(handle.result());
    expect(final).toMatchObject({ phase: 'captured', notifiedAt: null });
    expect(await domain.api.services.payments.load(payment.id)).toMatchObject({ status: 'captured', capturedMinor: 5_000 });
    expect(await domain.api.services.orm.em.fork().count(Notification, { paymentId: payment.id })).toBe(0);
  });

  it('a hold authorized only after 3-D Secure is watched too', async () => {
    const worker = await newWorker();
    const { key, customer } = await customerWithCard(domain, '4242424242424242', { authorizationTtlHours: 48, holdExpiryAction: 'cancel' });
    const pending = await domain.api.services.payments.initiate(SYSTEM, {
      idempotencyKey: uniqueKey('3ds'), gatewayKeyId: key.id, customerId: customer.id, amountMinor: 4_000, currency: 'USD', paymentToken: '4000002500003155', captureMethod: 'manual',
    });
    expect(pending.status).toBe('requires_action');
    const confirmed = await domain.api.services.payments.confirm(SYSTEM, pending.id, uniqueKey('confirm'));
    expect(confirmed.status).toBe('authorized');
    expect(confirmed.authorizationExpiresAt!.getTime() - Date.now()).toBeGreaterThan(47 * HOUR_MS);
    const final = await worker.runUntil(env.client.workflow.getHandle<typeof holdWorkflow>(holdWorkflowId(pending.id)).result());
    expect(final.phase).toBe('auto_canceled');
  });
});
