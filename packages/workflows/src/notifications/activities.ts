import { log } from '@temporalio/activity';
import { Customer, Invoice, Payment, type NotificationDraft, type Services } from '@payrail/api/services';
import type { Mailer } from './mailer.js';
import type { DeliveryResult, HoldExpiringNotice, PaymentFailedNotice } from './shared.js';
import { paymentFailedEmail, staffHoldExpiringNote, staffPaymentFailedNote } from './templates.js';

type Outcome = DeliveryResult[keyof DeliveryResult];

/**
 * Failed-payment and hold notifications: an email to the customer, a note to staff (a stored row, and
 * an email when PAYRAIL_STAFF_EMAIL is set) and an event for partner webhooks. Each is claimed in the
 * notifications table under a key naming the event before it is sent, so a retried activity skips
 * what already went out: never twice for the same failure.
 */
export function createNotificationActivities(services: Services, mailer: Mailer | null) {
  const { config } = services;

  async function deliver(draft: NotificationDraft, emailTo: string | null): Promise<Outcome> {
    const row = await services.notifications.claim(draft);
    if (row.status === 'sent') return 'already_sent';
    if (emailTo && mailer) await mailer.send({ to: emailTo, subject: draft.subject, text: draft.body, messageId: `<${draft.channel}.${draft.dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@payrail>` });
    await services.notifications.markSent(row.id);
    return 'sent';
  }

  async function customerOf(notice: PaymentFailedNotice) {
    const em = services.orm.em.fork();
    const payment = notice.paymentId ? await em.findOne(Payment, notice.paymentId) : null;
    const invoice = notice.invoiceId ? await em.findOne(Invoice, notice.invoiceId) : null;
    const customerId = payment?.customer?.id ?? invoice?.customer.id;
    const customer = customerId ? await em.findOne(Customer, customerId) : null;
    return { customer, invoice };
  }

  return {
    async notifyPaymentFailed(notice: PaymentFailedNotice): Promise<DeliveryResult> {
      const { customer, invoice } = await customerOf(notice);
      const eventKey = `payment_failed:${notice.paymentId ?? notice.attemptKey}`;
      const updateCardUrl = `${config.PAYRAIL_CUSTOMER_PORTAL_URL}/billing${notice.scheduleId ? `?schedule=${notice.scheduleId}` : ''}`;
      const view = {
        customerName: customer?.name ?? 'there',
        amountMinor: notice.amountMinor,
        currency: notice.currency,
        invoiceNumber: invoice?.number ?? null,
        failureCode: notice.failureCode,
        retryAt: notice.retryAt,
        finalAction: notice.finalAction,
        updateCardUrl,
      };
      const common = { kind: 'payment_failed' as const, dedupeKey: eventKey, paymentId: notice.paymentId, scheduleId: notice.scheduleId };
      const data = { ...notice, customerId: customer?.id ?? null };
      const email = paymentFailedEmail(view);
      const staff = staffPaymentFailedNote({ ...view, customerEmail: customer?.email ?? 'unknown customer', scheduleId: notice.scheduleId, paymentId: notice.paymentId });
      const result: DeliveryResult = {
        email: customer && mailer ? await deliver({ ...common, channel: 'email', recipient: customer.email, ...email, data }, customer.email) : 'skipped',
        staff: await deliver({ ...common, channel: 'staff', recipient: config.PAYRAIL_STAFF_EMAIL ?? null, ...staff, data }, config.PAYRAIL_STAFF_EMAIL ?? null),
        // Into the partner-webhook outbox, once per failure (the payment's own payment.failed event comes
        // from the payment state machine; this one adds the dunning outcome).
        partner_event: await services.notifications.emitPartnerEventOnce(
          { ...common, channel: 'partner_event', subject: 'schedule.payment_failed', body: JSON.stringify(data), data },
          'schedule.payment_failed',
          { subjectType: notice.scheduleId ? 'schedule' : 'payment', subjectId: notice.scheduleId ?? notice.paymentId ?? notice.attemptKey, data },
        ),
      };
      if (!mailer) log.warn('SMTP_HOST is not set: customer email skipped', { eventKey });
      return result;
    },

    async notifyHoldExpiring(notice: HoldExpiringNotice): Promise<DeliveryResult> {
      const em = services.orm.em.fork();
      const payment = await em.findOneOrFail(Payment, notice.paymentId);
      const customer = payment.customer ? await em.findOne(Customer, payment.customer.id) : null;
      const note = staffHoldExpiringNote({ ...notice, amountMinor: payment.authorizedMinor, currency: payment.currency, customerEmail: customer?.email ?? null });
      const common = { kind: 'hold_expiring' as const, dedupeKey: `hold_expiring:${payment.id}`, paymentId: payment.id, data: { ...notice } };
      return {
        email: 'skipped',
        staff: await deliver({ ...common, channel: 'staff', recipient: config.PAYRAIL_STAFF_EMAIL ?? null, ...note }, config.PAYRAIL_STAFF_EMAIL ?? null),
        partner_event: 'skipped',
      };
    },
  };
}
