import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import { Customer } from '../db/entities/customer.js';
import { CustomerPaymentProfile } from '../db/entities/customer-payment-profile.js';
import { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import { RecurringSchedule, type DunningPolicy, type ScheduleInterval, type ScheduleStatus } from '../db/entities/recurring-schedule.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency, assertPositiveAmount } from '../domain/money.js';
import { recurringWorkflowId, type RecurringState } from '../workflow-contracts/recurring.js';
import { assertCustomerRecordAccess } from './access.js';
import { audit } from './audit.js';
import { scheduleWorkflowInput } from './schedule-workflow-input.js';
import type { WorkflowCommands } from './workflow-commands.js';

export interface CreateScheduleInput {
  customerId: string;
  profileId: string;
  amountMinor: number;
  currency: string;
  interval: ScheduleInterval;
  intervalCount?: number | null;
  anchorDay?: number | null;
  timezone?: string | null;
  /** First charge; defaults to now. */
  startAt?: Date | null;
  description?: string | null;
  dunningPolicy?: DunningPolicy | null;
}

export interface UpdateScheduleInput {
  scheduleId: string;
  /** Charged from the next cycle on; a cycle already invoiced keeps its amount. */
  amountMinor?: number | null;
  /** A new saved card; a past-due schedule retries with it at once. */
  profileId?: string | null;
}

const INTERVALS: readonly ScheduleInterval[] = ['day', 'week', 'month', 'year'];
const MAX_RETRIES = 10;

/** Recurring schedules as staff, partners and customers manage them; the workflow does the charging. */
export class SchedulesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly workflows: WorkflowCommands,
    private readonly logger: Logger,
  ) {}

  async create(viewer: Viewer, input: CreateScheduleInput): Promise<RecurringSchedule> {
    assertPositiveAmount(input.amountMinor);
    const currency = assertCurrency(input.currency);
    if (!INTERVALS.includes(input.interval)) throw new DomainError('INVALID_INPUT', 'interval must be day, week, month or year', 'input.interval');
    const intervalCount = input.intervalCount ?? 1;
    if (!Number.isInteger(intervalCount) || intervalCount < 1 || intervalCount > 365) throw new DomainError('INVALID_INPUT', 'intervalCount must be 1 to 365', 'input.intervalCount');
    const timezone = assertTimezone(input.timezone ?? 'UTC');
    const policy = assertPolicy(input.dunningPolicy);
    const startAt = input.startAt ?? new Date();
    const anchorDay = input.anchorDay ?? (input.interval === 'month' || input.interval === 'year' ? localDay(startAt, timezone) : null);
    if (anchorDay !== null && (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31)) throw new DomainError('INVALID_INPUT', 'anchorDay must be 1 to 31', 'input.anchorDay');

    const schedule = await this.orm.em.fork().transactional(async (em) => {
      const customer = await em.findOne(Customer, input.customerId);
      if (!customer) throw notFound('customer', 'input.customerId');
      const profile = await this.chargeableProfile(em, input.profileId, customer.id, currency);
      const created = em.create(RecurringSchedule, {
        customer,
        profile,
        amountMinor: input.amountMinor,
        currency,
        interval: input.interval,
        intervalCount,
        anchorDay,
        timezone,
        description: input.description ?? null,
        nextChargeAt: startAt,
        dunningPolicy: policy,
      });
      created.workflowId = recurringWorkflowId(created.id);
      em.persist(created);
      audit(em, viewer, 'schedule.created', { type: 'RecurringSchedule', id: created.id }, { amountMinor: input.amountMinor, currency, interval: input.interval });
      return created;
    });
    try {
      await this.workflows.startRecurring(scheduleWorkflowInput(schedule));
    } catch (error) {
      // The row is the record; the worker's start-up sweep starts workflows that are missing.
      this.logger.warn({ scheduleId: schedule.id, err: error }, 'could not start the schedule workflow; the worker sweep will start it');
    }
    return schedule;
  }

  async get(viewer: Viewer, scheduleId: string): Promise<RecurringSchedule> {
    const schedule = await this.orm.em.fork().findOne(RecurringSchedule, scheduleId);
    if (!schedule) throw notFound('recurring schedule', 'input.scheduleId');
    assertCustomerRecordAccess(viewer, schedule.customer.id, 'schedules:read', 'recurring schedule', 'input.scheduleId');
    return schedule;
  }

  /** The workflow's live state (next attempt, retries left); null when it cannot be asked. */
  liveState(scheduleId: string): Promise<RecurringState | null> {
    return this.workflows.queryRecurring(scheduleId);
  }

  pause(viewer: Viewer, scheduleId: string) {
    return this.command(viewer, scheduleId, 'pause', ['active', 'past_due'], 'paused');
  }

  resume(viewer: Viewer, scheduleId: string) {
    return this.command(viewer, scheduleId, 'resume', ['paused'], 'active');
  }

  cancel(viewer: Viewer, scheduleId: string) {
    return this.command(viewer, scheduleId, 'cancel', ['active', 'paused', 'past_due'], 'canceled');
  }

  chargeNow(viewer: Viewer, scheduleId: string) {
    return this.command(viewer, scheduleId, 'chargeNow', ['active', 'past_due'], null);
  }

  async update(viewer: Viewer, input: UpdateScheduleInput): Promise<RecurringSchedule> {
    if (input.amountMinor != null) assertPositiveAmount(input.amountMinor);
    const schedule = await this.orm.em.fork().transactional(async (em) => {
      const found = await this.writable(em, viewer, input.scheduleId);
      if (found.status === 'canceled') throw new DomainError('INVALID_STATE', 'a canceled schedule cannot be changed', 'input.scheduleId');
      if (input.amountMinor != null) found.amountMinor = input.amountMinor;
      if (input.profileId) found.profile = await this.chargeableProfile(em, input.profileId, found.customer.id, found.currency);
      audit(em, viewer, 'schedule.updated', { type: 'RecurringSchedule', id: found.id }, { amountMinor: input.amountMinor ?? null, profileId: input.profileId ?? null });
      return found;
    });
    if (input.profileId) await this.workflows.signalRecurring(schedule.id, 'paymentMethodChanged');
    return schedule;
  }

  /**
   * Signals the workflow first (pause and cancel must reach the thing that charges), then records the
   * new status so the caller sees it at once; the workflow writes the same status when it handles it.
   */
  private async command(viewer: Viewer, scheduleId: string, signal: 'pause' | 'resume' | 'cancel' | 'chargeNow', from: ScheduleStatus[], to: ScheduleStatus | null) {
    const current = await this.writable(this.orm.em.fork(), viewer, scheduleId);
    // The workflow owns the status; the row can lag it by one state write (a pause recorded just after a resume).
    const status = (await this.workflows.queryRecurring(scheduleId))?.status ?? current.status;
    if (!from.includes(status)) throw new DomainError('INVALID_STATE', `a ${status} schedule cannot ${signal === 'chargeNow' ? 'be charged now' : `be ${signal}d`}`, 'input.scheduleId');
    await this.workflows.signalRecurring(scheduleId, signal);
    return this.orm.em.fork().transactional(async (em) => {
      const schedule = await em.findOneOrFail(RecurringSchedule, scheduleId);
      if (to) schedule.status = to;
      audit(em, viewer, `schedule.${signal}`, { type: 'RecurringSchedule', id: scheduleId });
      return schedule;
    });
  }

  private async writable(em: EntityManager, viewer: Viewer, scheduleId: string): Promise<RecurringSchedule> {
    const schedule = await em.findOne(RecurringSchedule, scheduleId);
    if (!schedule) throw notFound('recurring schedule', 'input.scheduleId');
    assertCustomerRecordAccess(viewer, schedule.customer.id, 'schedules:write', 'recurring schedule', 'input.scheduleId');
    return schedule;
  }

  private async chargeableProfile(em: EntityManager, profileId: string, customerId: string, currency: string): Promise<CustomerPaymentProfile> {
    const profile = await em.findOne(CustomerPaymentProfile, profileId);
    if (!profile || profile.status !== 'active' || profile.customer.id !== customerId) throw notFound('payment profile', 'input.profileId');
    const key = await em.findOneOrFail(PaymentGatewayKey, profile.gatewayKey.id);
    if (!key.recurringAllowed) throw new DomainError('RECURRING_NOT_ALLOWED', 'this gateway key does not allow recurring charges', 'input.profileId');
    if (!key.currencies.includes(currency)) throw new DomainError('UNSUPPORTED_CURRENCY', `the card's gateway key does not accept ${currency}`, 'input.currency');
    return profile;
  }
}

function assertTimezone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw new DomainError('INVALID_INPUT', 'timezone must be an IANA zone such as Europe/Berlin', 'input.timezone');
  }
}

function assertPolicy(policy: DunningPolicy | null | undefined): DunningPolicy {
  const value = policy ?? { retryAfterDays: [1, 3, 5, 7], finalAction: 'cancel' as const };
  const days = value.retryAfterDays;
  const ascending = days.every((d, i) => Number.isInteger(d) && d >= 1 && d <= 60 && (i === 0 || d > days[i - 1]!));
  if (days.length > MAX_RETRIES || !ascending) {
    throw new DomainError('INVALID_INPUT', `retryAfterDays must be up to ${MAX_RETRIES} ascending whole days between 1 and 60`, 'input.dunningPolicy.retryAfterDays');
  }
  if (value.finalAction !== 'cancel' && value.finalAction !== 'pause') throw new DomainError('INVALID_INPUT', 'finalAction must be cancel or pause', 'input.dunningPolicy.finalAction');
  return { retryAfterDays: [...days], finalAction: value.finalAction };
}

function localDay(at: Date, timezone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: timezone, day: 'numeric' }).format(at));
}
