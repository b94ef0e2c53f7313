import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { SYSTEM } from '../auth/viewer.js';
import { Invoice } from '../db/entities/invoice.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { RecurringSchedule } from '../db/entities/recurring-schedule.js';
import { DomainError } from '../domain/errors.js';
import { isHardDecline } from '../domain/declines.js';
import { recordDomainEvent } from '../events/domain-events.js';
import { cycleChargeKey, type RecurringState } from '../workflow-contracts/recurring.js';
import type { InvoicesService } from './invoices.service.js';
import type { PaymentsService } from './payments.service.js';
import { scheduleWorkflowInput } from './schedule-workflow-input.js';
import type { WorkflowCommands } from './workflow-commands.js';

export interface ChargeCycleInput {
  scheduleId: string;
  cycle: number;
  /** 0 for the cycle's first charge, then 1, 2, ... for dunning retries. */
  attempt: number;
}

export interface ChargeCycleOutcome {
  outcome: 'succeeded' | 'failed';
  invoiceId: string;
  paymentId: string | null;
  amountMinor: number;
  currency: string;
  failureCode: string | null;
  /** Hard declines (stolen, closed, expired card) are never retried. */
  hard: boolean;
}

/** What the recurring workflow's activities do: one cycle's invoice and charge, and the schedule row. */
export class RecurringBillingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly invoices: InvoicesService,
    private readonly payments: PaymentsService,
    private readonly workflows: WorkflowCommands,
    private readonly logger: Logger,
  ) {}

  /**
   * Invoices the cycle (once: the invoice's external reference is the cycle's key) and charges the
   * schedule's card off-session under `schedule:<id>:cycle:<n>[:attempt:<a>]`, so a retried activity or
   * a restarted worker gets the first charge back instead of making a second.
   */
  async chargeCycle(input: ChargeCycleInput): Promise<ChargeCycleOutcome> {
    const em = this.orm.em.fork();
    const schedule = await em.findOneOrFail(RecurringSchedule, input.scheduleId, { populate: ['profile'] });
    const invoice = await this.cycleInvoice(schedule, input.cycle);
    const base = { invoiceId: invoice.id, amountMinor: invoice.amountMinor, currency: invoice.currency };
    if (invoice.status === 'paid') return { ...base, outcome: 'succeeded', paymentId: null, failureCode: null, hard: false };
    const key = await em.findOneOrFail(PaymentGatewayKey, schedule.profile.gatewayKey.id);
    if (!key.recurringAllowed) return { ...base, outcome: 'failed', paymentId: null, failureCode: 'recurring_not_allowed', hard: true };
    if (schedule.profile.status !== 'active') return { ...base, outcome: 'failed', paymentId: null, failureCode: 'payment_method_removed', hard: true };
    try {
      const payment = await this.payments.initiate(SYSTEM, {
        idempotencyKey: cycleChargeKey(schedule.id, input.cycle, input.attempt),
        customerId: schedule.customer.id,
        invoiceId: invoice.id,
        profileId: schedule.profile.id,
        offSession: true,
        // The invoice names the cycle; a payment description is sent only when the schedule has one.
        ...(schedule.description ? { description: schedule.description } : {}),
      });
      if (payment.status === 'captured' || payment.status === 'authorized') return { ...base, outcome: 'succeeded', paymentId: payment.id, failureCode: null, hard: false };
      const failureCode = payment.failureCode ?? (payment.status === 'requires_action' ? 'authentication_required' : payment.status);
      return { ...base, outcome: 'failed', paymentId: payment.id, failureCode, hard: isHardDecline(failureCode) };
    } catch (error) {
      // The key or card can no longer be charged (disabled key, currency dropped): a business failure
      // for dunning, not an outage to retry.
      if (!(error instanceof DomainError) || error.code === 'IDEMPOTENCY_IN_PROGRESS') throw error;
      const failureCode = error.code.toLowerCase();
      this.logger.warn({ scheduleId: schedule.id, code: error.code }, 'recurring charge refused before reaching the gateway');
      return { ...base, outcome: 'failed', paymentId: null, failureCode, hard: true };
    }
  }

  /** Mirrors the workflow's state onto the row that GraphQL lists and filters. */
  async recordState(state: RecurringState): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const schedule = await em.findOneOrFail(RecurringSchedule, state.scheduleId);
      // Partners hear of every status change (schedule.past_due, schedule.canceled, ...) through the outbox.
      // The API already wrote the row's status for requested pauses and cancels, so those compare equal here
      // and are announced by the mutation's audit trail rather than twice.
      if (schedule.status !== state.status) {
        recordDomainEvent(em, `schedule.${state.status}`, { subjectType: 'schedule', subjectId: schedule.id, data: { id: schedule.id, status: state.status, previousStatus: schedule.status, cycle: state.cycle, failedAttempts: state.failedAttempts, lastFailureCode: state.lastFailureCode, nextChargeAt: state.nextChargeAt, customerId: schedule.customer.id } });
      }
      schedule.status = state.status;
      schedule.cycle = state.cycle;
      schedule.failedAttempts = state.failedAttempts;
      if (state.nextChargeAt) schedule.nextChargeAt = new Date(state.nextChargeAt);
    });
  }

  /** Starts the workflow of every live schedule that lacks one (Temporal was down at create). Bounded per call. */
  async startMissingScheduleWorkflows(limit = 500): Promise<number> {
    const schedules = await this.orm.em.fork().find(RecurringSchedule, { status: { $ne: 'canceled' } }, { limit, orderBy: { id: 'asc' } });
    let started = 0;
    for (const schedule of schedules) {
      if (await this.workflows.startRecurring(scheduleWorkflowInput(schedule))) started += 1;
    }
    return started;
  }

  private async cycleInvoice(schedule: RecurringSchedule, cycle: number): Promise<Invoice> {
    const externalRef = cycleChargeKey(schedule.id, cycle, 0);
    const existing = await this.orm.em.fork().findOne(Invoice, { externalRef });
    if (existing) return existing;
    try {
      return await this.invoices.create(SYSTEM, {
        customerId: schedule.customer.id,
        amountMinor: schedule.amountMinor,
        currency: schedule.currency,
        description: schedule.description ?? `Recurring charge, cycle ${cycle + 1}`,
        externalRef,
      });
    } catch (error) {
      // A concurrent attempt of the same activity created it first.
      if (error instanceof DomainError && error.code === 'DUPLICATE') return this.orm.em.fork().findOneOrFail(Invoice, { externalRef });
      if (error instanceof UniqueConstraintViolationException) return this.orm.em.fork().findOneOrFail(Invoice, { externalRef });
      throw error;
    }
  }
}
