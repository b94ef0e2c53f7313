import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { BatchChargesService } from './batch-charges.service.js';
import { HoldsService } from './holds.service.js';
import type { InvoicesService } from './invoices.service.js';
import { NotificationsService } from './notifications.service.js';
import type { PaymentsService } from './payments.service.js';
import { RecurringBillingService } from './recurring-billing.service.js';
import { SchedulesService } from './schedules.service.js';
import type { WorkflowCommands } from './workflow-commands.js';

/** The services behind the long-lived flows (issue 6): what GraphQL calls and what activities call. */
export function createWorkflowServices(orm: MikroORM, deps: { payments: PaymentsService; invoices: InvoicesService; workflows: WorkflowCommands; logger: Logger }) {
  const { payments, invoices, workflows, logger } = deps;
  return {
    workflows,
    schedules: new SchedulesService(orm, workflows, logger),
    recurringBilling: new RecurringBillingService(orm, invoices, payments, workflows, logger),
    holds: new HoldsService(orm, payments, workflows),
    notifications: new NotificationsService(orm),
    batchCharges: new BatchChargesService(orm, payments, workflows, logger),
  };
}
