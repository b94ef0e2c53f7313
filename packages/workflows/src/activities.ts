// Every activity the worker registers: re-export each flow's activities.ts here.
// Activities run in plain Node: I/O, gateways and the database belong here, never in workflows.
import type { Services } from '@payrail/api/services';
import { createBatchActivities } from './batch/activities.js';
import { createHoldActivities } from './holds/activities.js';
import type { Mailer } from './notifications/mailer.js';
import { createNotificationActivities } from './notifications/activities.js';
import * as ping from './ping/activities.js';
import { createPartnerWebhookActivities } from './partner-webhooks/activities.js';
import { createReconciliationActivities } from './reconciliation/activities.js';
import { createRecurringActivities } from './recurring/activities.js';

/** Activities that need nothing but themselves (the ping flow). */
export const activities = { ...ping };

export type Activities = typeof activities;

/** Every activity, closed over the API's domain services (built once per worker process). */
export function createActivities(services: Services, mailer: Mailer | null) {
  return {
    ...ping,
    ...createRecurringActivities(services),
    ...createHoldActivities(services),
    ...createBatchActivities(services),
    ...createNotificationActivities(services, mailer),
    ...createPartnerWebhookActivities(services),
    ...createReconciliationActivities(services),
  };
}
