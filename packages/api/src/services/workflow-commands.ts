import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import {
  BATCH_CHARGE_WORKFLOW,
  BATCH_PROGRESS_QUERY,
  batchWorkflowId,
  HOLD_SETTLED_SIGNAL,
  HOLD_STATE_QUERY,
  HOLD_WORKFLOW,
  holdWorkflowId,
  RECURRING_STATE_QUERY,
  RECURRING_WORKFLOW,
  recurringWorkflowId,
  type BatchChargeWorkflowInput,
  type BatchProgress,
  type HoldSettledPayload,
  type HoldState,
  type HoldWorkflowInput,
  type RecurringState,
  type RecurringWorkflowInput,
} from '../workflow-contracts/index.js';
import type { TemporalGateway } from './temporal.js';

type RecurringSignal = 'pause' | 'resume' | 'cancel' | 'chargeNow' | 'paymentMethodChanged';

/**
 * The API's side of the workflows: start them by type name with business ids (so a retried request
 * finds the running workflow instead of starting a second), signal and query them. Turned off by
 * PAYRAIL_WORKFLOWS=off (API tests without a worker): starts and signals do nothing, queries say null.
 */
export class WorkflowCommands {
  constructor(
    private readonly temporal: TemporalGateway,
    private readonly enabled: boolean,
    private readonly logger: Logger,
  ) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  startHold(input: HoldWorkflowInput): Promise<boolean> {
    return this.start(HOLD_WORKFLOW, holdWorkflowId(input.paymentId), input);
  }

  startRecurring(input: RecurringWorkflowInput): Promise<boolean> {
    return this.start(RECURRING_WORKFLOW, recurringWorkflowId(input.scheduleId), input);
  }

  startBatch(input: BatchChargeWorkflowInput): Promise<boolean> {
    return this.start(BATCH_CHARGE_WORKFLOW, batchWorkflowId(input.batchId), input);
  }

  /** Best effort: the hold workflow also reads the payment before acting, so a lost signal only delays it. */
  async holdSettled(paymentId: string, payload: HoldSettledPayload): Promise<void> {
    if (!this.enabled) return;
    try {
      await (await this.temporal.client()).workflow.getHandle(holdWorkflowId(paymentId)).signal(HOLD_SETTLED_SIGNAL, payload);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) this.logger.warn({ paymentId, err: error }, 'could not signal the hold workflow');
    }
  }

  /** Must reach the workflow (pause and cancel stop money moving), so failures propagate. */
  async signalRecurring(scheduleId: string, signal: RecurringSignal): Promise<void> {
    if (!this.enabled) return;
    await (await this.temporal.client()).workflow.getHandle(recurringWorkflowId(scheduleId)).signal(signal);
  }

  queryRecurring(scheduleId: string): Promise<RecurringState | null> {
    return this.query<RecurringState>(recurringWorkflowId(scheduleId), RECURRING_STATE_QUERY);
  }

  queryHold(paymentId: string): Promise<HoldState | null> {
    return this.query<HoldState>(holdWorkflowId(paymentId), HOLD_STATE_QUERY);
  }

  queryBatch(batchId: string): Promise<BatchProgress | null> {
    return this.query<BatchProgress>(batchWorkflowId(batchId), BATCH_PROGRESS_QUERY);
  }

  private async start(type: string, workflowId: string, input: object): Promise<boolean> {
    if (!this.enabled) return false;
    const client = await this.temporal.client();
    try {
      await client.workflow.start(type, { workflowId, taskQueue: this.temporal.settings.taskQueue, args: [input] });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return true;
      throw error;
    }
  }

  /** Live state from the workflow; null when workflows are off, the workflow is gone or Temporal is down. */
  private async query<T>(workflowId: string, name: string): Promise<T | null> {
    if (!this.enabled) return null;
    try {
      return await (await this.temporal.client()).workflow.getHandle(workflowId).query<T>(name);
    } catch (error) {
      this.logger.debug({ workflowId, err: error }, 'workflow query failed; falling back to the database');
      return null;
    }
  }
}
