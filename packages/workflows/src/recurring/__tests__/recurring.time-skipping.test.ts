import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTestCards } from '@payrail/gateways/testing';
import { CustomerPaymentProfile, DomainEvent, Invoice, Notification, Payment, RecurringSchedule, SYSTEM, recurringWorkflowId, type ChargeCycleInput, type RecurringState } from '@payrail/api/services';
import { createWorker } from '../../worker.js';
import { quietTemporalRuntime, temporalEnv, workflowBundle } from '../../__tests__/temporal-env.js';
import { customerWithCard, mailTo, openDomainEnv, type DomainEnv } from '../../__tests__/domain-env.js';
import { recurringStateQuery } from '../shared.js';

const testServerPath = temporalEnv('TEMPORAL_TEST_SERVER_PATH');
const DAY_MS = 86_400_000;

// Real PostgreSQL through the API's services, the sandbox gateway, the mailbox SMTP server, and the
// Java time-skipping test server: months of schedule run in seconds.
describe.skipIf(testServerPath === undefined)('recurring schedules on the time-skipping test server', () => {
  const taskQueue = `test-recurring-${randomUUID()}`;
  let env: TestWorkflowEnvironment;
  let domain: DomainEnv;
  /** When each charge was scheduled, in workflow (server) time, per schedule. */
  const chargeTimes = new Map<string, { cycle: number; attempt: number; at: string }[]>();

  beforeAll(async () => {
    quietTemporalRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath! } } });
    domain = await openDomainEnv(env.address, taskQueue);
  });

  afterAll(async () => {
    await domain?.close();
    await env?.teardown();
  });

  async function newWorker(overrides: object = {}): Promise<Worker> {
    const { chargeCycle } = domain.activities;
    return createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {
        ...domain.activities,
        // Records the workflow-clock time of every charge, so the test can assert the calendar.
        async chargeCycle(input: ChargeCycleInput) {
          const list = chargeTimes.get(input.scheduleId) ?? [];
          list.push({ cycle: input.cycle, attempt: input.attempt, at: new Date(Context.current().info.scheduledTimestampMs).toISOString() });
          chargeTimes.set(input.scheduleId, list);
          return chargeCycle(input);
        },
        ...overrides,
      },
    });
  }

  const stateOf = (scheduleId: string): Promise<RecurringState> => env.client.workflow.getHandle(recurringWorkflowId(scheduleId)).query(recurringStateQuery);

  /** Lets workflow time pass in steps until `done` holds (bounded: at most `maxSteps` steps). */
  async function skipUntil(done: () => Promise<boolean>, step: string, maxSteps: number): Promise<void> {
    for (let i = 0; i < maxSteps; i++) {
      if (await done()) return;
      await env.sleep(step);
    }
    throw new Error(`condition not reached after ${maxSteps} steps of ${step}`);
  }

  it('charges a monthly schedule 13 times on its anchor day: Jan 31, a leap Feb 29, Mar 31, ... each an invoice paid once', async () => {
    const worker = await newWorker();
    const { customer, profile } = await customerWithCard(domain, '4242424242424242');
    const firstChargeAt = new Date('2027-10-31T09:00:00.000Z');
    expect(firstChargeAt.getTime()).toBeGreaterThan(await env.currentTimeMs());
    const wallStart = performance.now();

    const schedule = await domain.api.services.schedules.create(SYSTEM, {
      customerId: customer.id, profileId: profile.id, amountMinor: 1999, currency: 'USD', interval: 'month', anchorDay: 31, startAt: firstChargeAt, timezone: 'UTC',
    });
    await worker.runUntil(async () => {
      await skipUntil(async () => (chargeTimes.get(schedule.id)?.length ?? 0) >= 13 && (await stateOf(schedule.id)).cycle >= 13, '45 days', 30);
      await domain.api.services.schedules.cancel(SYSTEM, schedule.id);
      await env.client.workflow.getHandle(recurringWorkflowId(schedule.id)).result();
    });
    const wallMs = performance.now() - wallStart;

    expect(chargeTimes.get(schedule.id)!.map((c) => `${c.cycle}:${c.at.slice(0, 10)}`)).toEqual(
      ['2027-10-31', '2027-11-30', '2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31', '2028-06-30', '2028-07-31', '2028-08-31', '2028-09-30', '2028-10-31']
        .map((d, i) => `${i}:${d}`),
    );
    const em = domain.api.services.orm.em.fork();
    const invoices = await em.find(Invoice, { customer: customer.id }, { orderBy: { createdAt: 'asc' } });
    expect(invoices).toHaveLength(13);
    expect(invoices.every((i) => i.status === 'paid' && i.amountMinor === 1999)).toBe(true);
    const payments = await em.find(Payment, { customer: customer.id });
    expect(payments.filter((p) => p.status === 'captured')).toHaveLength(13);
    const row = await em.findOneOrFail(RecurringSchedule, schedule.id);
    expect(row).toMatchObject({ status: 'canceled', cycle: 13 });
    console.info(`13 monthly cycles: ${Math.round(wallMs)} ms wall time`);
    expect(wallMs).toBeLessThan(60_000);
  });

  it('duns a failing card on days 1, 3, 5 and 7, emails the customer each time (once), then cancels', async () => {
    const worker = await newWorker();
    // 0341: the card saves, then every charge declines (soft, card_declined).
    const { customer, profile } = await customerWithCard(domain, '4000000000000341');
    const start = new Date((await env.currentTimeMs()) + DAY_MS);
    const schedule = await domain.api.services.schedules.create(SYSTEM, {
      customerId: customer.id, profileId: profile.id, amountMinor: 4500, currency: 'EUR', interval: 'month', startAt: start,
      dunningPolicy: { retryAfterDays: [1, 3, 5, 7], finalAction: 'cancel' },
    });
    const wallStart = performance.now();
    const final = await worker.runUntil(env.client.workflow.getHandle(recurringWorkflowId(schedule.id)).result());
    const wallMs = performance.now() - wallStart;

    expect(final).toMatchObject({ status: 'canceled', failedAttempts: 5, stoppedReason: 'retries_exhausted', lastFailureCode: 'card_declined' });
    const times = chargeTimes.get(schedule.id)!;
    expect(times.map((t) => t.attempt)).toEqual([0, 1, 2, 3, 4]);
    const offsets = times.map((t) => Math.round((Date.parse(t.at) - Date.parse(times[0]!.at)) / DAY_MS));
    expect(offsets).toEqual([0, 1, 3, 5, 7]);

    const mails = await mailTo(customer.email);
    expect(mails).toHaveLength(5);
    expect(mails[0]!.subject).toBe('Your payment of €45.00 failed');
    expect(mails[0]!.text).toContain('your bank declined the payment');
    expect(mails[0]!.text).toContain(`/billing?schedule=${schedule.id}`);
    expect(mails[4]!.subject).toBe('Your subscription payment of €45.00 failed: action needed');
    expect(mails[4]!.text).toContain('your subscription is canceled');

    const em = domain.api.services.orm.em.fork();
    expect(await em.findOneOrFail(RecurringSchedule, schedule.id)).toMatchObject({ status: 'canceled', failedAttempts: 5 });
    const notes = await em.find(Notification, { scheduleId: schedule.id });
    expect(notes.filter((n) => n.channel === 'staff' && n.status === 'sent')).toHaveLength(5);
    expect(notes.filter((n) => n.channel === 'partner_event' && n.status === 'sent')).toHaveLength(5);
    // Partners get the story through the webhook outbox: each failure, and each status change.
    const events = await em.find(DomainEvent, { subjectType: 'schedule', subjectId: schedule.id }, { orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual([
      'schedule.payment_failed', 'schedule.past_due', 'schedule.payment_failed', 'schedule.payment_failed', 'schedule.payment_failed', 'schedule.payment_failed', 'schedule.canceled',
    ]);
    expect(events[6]!.payload).toMatchObject({ status: 'canceled', previousStatus: 'past_due', failedAttempts: 5, lastFailureCode: 'card_declined' });
    // Every attempt is its own invoice payment under its own key; the invoice stays open.
    const invoices = await em.find(Invoice, { customer: customer.id });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.status).toBe('open');
    console.info(`dunning to cancellation: ${Math.round(wallMs)} ms wall time`);
  });

  it('stops dunning at once on a hard decline (lost or stolen card) and pauses per policy', async () => {
    const worker = await newWorker();
    const { customer, profile } = await customerWithCard(domain, '4242424242424242');
    const schedule = await domain.api.services.schedules.create(SYSTEM, {
      customerId: customer.id, profileId: profile.id, amountMinor: 1000, currency: 'USD', interval: 'week', startAt: new Date((await env.currentTimeMs()) + DAY_MS),
      dunningPolicy: { retryAfterDays: [2, 4], finalAction: 'pause' },
    });
    // The card is reported stolen after it was saved: the profile now points at the lost/stolen test card.
    const stolen = String(sandboxTestCards.findIndex((c) => c.number === '4000000000009987')).padStart(2, '0');
    await domain.api.services.orm.em.fork().nativeUpdate(CustomerPaymentProfile, { id: profile.id }, { methodId: `pm_sbx_stolen1_${stolen}` });
    const state = await worker.runUntil(async () => {
      await skipUntil(async () => (await stateOf(schedule.id)).status === 'paused', '1 day', 5);
      const paused = await stateOf(schedule.id);
      // Ended here, with this worker, so no workflow task is left for the next test's worker.
      await domain.api.services.schedules.cancel(SYSTEM, schedule.id);
      await env.client.workflow.getHandle(recurringWorkflowId(schedule.id)).result();
      return paused;
    });
    expect(state).toMatchObject({ status: 'paused', failedAttempts: 1, lastFailureCode: 'lost_or_stolen', stoppedReason: 'hard_decline', retriesLeft: 2 });
    expect(chargeTimes.get(schedule.id)).toHaveLength(1);
    const mails = await mailTo(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('your card was reported lost or stolen');
    expect(mails[0]!.text).toContain('paused until you update your card');
  });

  it('a notification activity retried after its email went out does not send it again', async () => {
    let calls = 0;
    const { notifyPaymentFailed } = domain.activities;
    const worker = await newWorker({
      // The email is sent and recorded, then the activity dies before reporting back: Temporal retries it.
      async notifyPaymentFailed(notice: Parameters<typeof notifyPaymentFailed>[0]) {
        calls += 1;
        const result = await notifyPaymentFailed(notice);
        if (calls === 1) throw new Error('worker lost after sending');
        return result;
      },
    });
    const { customer, profile } = await customerWithCard(domain, '4000000000000341');
    const schedule = await domain.api.services.schedules.create(SYSTEM, {
      customerId: customer.id, profileId: profile.id, amountMinor: 700, currency: 'USD', interval: 'month', startAt: new Date((await env.currentTimeMs()) + DAY_MS),
      dunningPolicy: { retryAfterDays: [], finalAction: 'cancel' },
    });
    const final = await worker.runUntil(env.client.workflow.getHandle(recurringWorkflowId(schedule.id)).result());
    expect(final).toMatchObject({ status: 'canceled', failedAttempts: 1 });
    expect(calls).toBe(2);
    const mails = await mailTo(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your subscription payment of $7.00 failed: action needed');
    const notes = await domain.api.services.orm.em.fork().find(Notification, { scheduleId: schedule.id });
    expect(notes.map((n) => `${n.channel}:${n.status}`).sort()).toEqual(['email:sent', 'partner_event:sent', 'staff:sent']);
  });

  it('a card updated during dunning is retried at once, not at the next dunning date', async () => {
    const worker = await newWorker();
    const { key, customer, profile } = await customerWithCard(domain, '4000000000000341');
    const better = await domain.api.services.profiles.save(SYSTEM, { idempotencyKey: `save-${randomUUID()}`, customerId: customer.id, gatewayKeyId: key.id, paymentToken: '5555555555554444' });
    const schedule = await domain.api.services.schedules.create(SYSTEM, {
      customerId: customer.id, profileId: profile.id, amountMinor: 3000, currency: 'USD', interval: 'month', startAt: new Date((await env.currentTimeMs()) + DAY_MS),
      dunningPolicy: { retryAfterDays: [5, 10], finalAction: 'cancel' },
    });
    const state = await worker.runUntil(async () => {
      await skipUntil(async () => (await stateOf(schedule.id)).status === 'past_due', '1 day', 4);
      await domain.api.services.schedules.update(SYSTEM, { scheduleId: schedule.id, profileId: better.id });
      await skipUntil(async () => (await stateOf(schedule.id)).cycle === 1, '1 hour', 10);
      const charged = await stateOf(schedule.id);
      await domain.api.services.schedules.cancel(SYSTEM, schedule.id);
      await env.client.workflow.getHandle(recurringWorkflowId(schedule.id)).result();
      return charged;
    });
    expect(state).toMatchObject({ status: 'active', cycle: 1, failedAttempts: 0 });
    const times = chargeTimes.get(schedule.id)!;
    expect(times.map((t) => t.attempt)).toEqual([0, 1]);
    // Retried within the day it was updated, days before the policy's first retry (day 5).
    expect(Date.parse(times[1]!.at) - Date.parse(times[0]!.at)).toBeLessThan(2 * DAY_MS);
  });
});
