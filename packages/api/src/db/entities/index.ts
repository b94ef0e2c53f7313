/** Every entity; a new entity adds one export line and one entry in `allEntities`. */
import { ApiKey } from './api-key.js';
import { AuditLog } from './audit-log.js';
import { BatchCharge } from './batch-charge.js';
import { BalanceTransaction } from './balance-transaction.js';
import { Customer } from './customer.js';
import { CustomerBalance } from './customer-balance.js';
import { CustomerPaymentProfile } from './customer-payment-profile.js';
import { GatewayCustomer } from './gateway-customer.js';
import { IdempotencyRecord } from './idempotency-record.js';
import { Notification } from './notification.js';
import { Invoice } from './invoice.js';
import { OnlinePayment } from './online-payment.js';
import { Payment } from './payment.js';
import { PaymentGatewayKey } from './payment-gateway-key.js';
import { PaymentGatewayTransaction } from './payment-gateway-transaction.js';
import { RecurringSchedule } from './recurring-schedule.js';
import { Refund } from './refund.js';
import { StaffUser } from './staff-user.js';
import { DomainEvent } from './domain-event.js';
import { PartnerWebhookAttempt } from './partner-webhook-attempt.js';
import { PartnerWebhookDelivery } from './partner-webhook-delivery.js';
import { PartnerWebhookEndpoint } from './partner-webhook-endpoint.js';
import { PaymentReconciliation } from './payment-reconciliation.js';
import { WebhookEvent } from './webhook-event.js';

export {
  ApiKey,
  AuditLog,
  BalanceTransaction,
  BatchCharge,
  Customer,
  CustomerBalance,
  CustomerPaymentProfile,
  GatewayCustomer,
  IdempotencyRecord,
  Invoice,
  Notification,
  OnlinePayment,
  Payment,
  PaymentGatewayKey,
  PaymentGatewayTransaction,
  RecurringSchedule,
  Refund,
  StaffUser,
};

export { DomainEvent, PartnerWebhookAttempt, PartnerWebhookDelivery, PartnerWebhookEndpoint, PaymentReconciliation, WebhookEvent };

/** The list MikroORM discovers (explicit, so the built package needs no folder scanning). */
export const allEntities = [ApiKey, AuditLog, BalanceTransaction, Customer, CustomerBalance, CustomerPaymentProfile, GatewayCustomer, IdempotencyRecord, Invoice, OnlinePayment, Payment, PaymentGatewayKey, PaymentGatewayTransaction, RecurringSchedule, Refund, StaffUser, BatchCharge, Notification, DomainEvent, PartnerWebhookAttempt, PartnerWebhookDelivery, PartnerWebhookEndpoint, PaymentReconciliation, WebhookEvent];
