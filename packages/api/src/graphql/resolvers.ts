import type { NonEmptyArray } from 'type-graphql';
import { AuditLogResolver } from './modules/audit/audit.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { CreateCustomerResolver } from './modules/customers/create-customer.js';
import { CustomerResolver } from './modules/customers/customer.resolver.js';
import { GatewayKeyMutationsResolver } from './modules/gateway-keys/gateway-key-mutations.js';
import { GatewayKeyResolver } from './modules/gateway-keys/gateway-key.resolver.js';
import { HealthResolver } from './modules/health/health.resolver.js';
import { InvoiceMutationsResolver } from './modules/invoices/invoice-mutations.js';
import { InvoiceResolver } from './modules/invoices/invoice.resolver.js';
import { OnlinePaymentResolver, PublicPayLinkResolver } from './modules/links/link.resolver.js';
import { CancelPaymentResolver } from './modules/payments/mutations/cancel-payment.js';
import { CapturePaymentResolver } from './modules/payments/mutations/capture-payment.js';
import { ConfirmPaymentResolver } from './modules/payments/mutations/confirm-payment.js';
import { InitiatePaymentResolver } from './modules/payments/mutations/initiate-payment.js';
import { RecordManualPaymentResolver } from './modules/payments/mutations/record-manual-payment.js';
import { RefundPaymentResolver } from './modules/payments/mutations/refund-payment.js';
import { TopUpBalanceResolver } from './modules/payments/mutations/top-up-balance.js';
import { PaymentResolver } from './modules/payments/payment.resolver.js';
import { PaymentTotalsResolver } from './modules/payments/payment-totals.resolver.js';
import { PaymentTransactionResolver, RefundResolver } from './modules/payments/timeline.resolver.js';
import { PaymentProfileResolver } from './modules/profiles/profile.resolver.js';
import { RecurringScheduleResolver } from './modules/schedules/schedule.resolver.js';
import { BatchChargeResolver } from './modules/batch-charges/batch-charge.resolver.js';
import { StartBatchChargeResolver } from './modules/batch-charges/start-batch-charge.js';
import { PaymentHoldResolver } from './modules/payments/payment-hold.resolver.js';
import { CreateRecurringScheduleResolver } from './modules/schedules/create-recurring-schedule.js';
import { RecurringScheduleCommandsResolver } from './modules/schedules/schedule-commands.js';
import { RecurringScheduleStateResolver } from './modules/schedules/schedule-state.resolver.js';
import { UpdateRecurringScheduleResolver } from './modules/schedules/update-recurring-schedule.js';
import { LiveResolver } from './modules/live/live.resolver.js';
import { ReconciliationResolver } from './modules/reconciliation/reconciliation.resolver.js';
import { GatewayWebhookEventResolver } from './modules/webhooks/inbound-webhook.resolver.js';
import { PartnerWebhookMutationsResolver } from './modules/webhooks/partner-webhook-mutations.js';
import { PartnerWebhookDeliveryResolver, PartnerWebhookEndpointResolver } from './modules/webhooks/partner-webhook.resolver.js';

/** Every resolver class of every module; a module adds its resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  AuthResolver,
  AuditLogResolver,
  CustomerResolver,
  CreateCustomerResolver,
  InvoiceResolver,
  InvoiceMutationsResolver,
  GatewayKeyResolver,
  GatewayKeyMutationsResolver,
  PaymentProfileResolver,
  OnlinePaymentResolver,
  PublicPayLinkResolver,
  PaymentResolver,
  PaymentTransactionResolver,
  RefundResolver,
  PaymentTotalsResolver,
  InitiatePaymentResolver,
  ConfirmPaymentResolver,
  CapturePaymentResolver,
  CancelPaymentResolver,
  RefundPaymentResolver,
  RecordManualPaymentResolver,
  TopUpBalanceResolver,
  RecurringScheduleResolver,
  RecurringScheduleStateResolver,
  CreateRecurringScheduleResolver,
  UpdateRecurringScheduleResolver,
  RecurringScheduleCommandsResolver,
  PaymentHoldResolver,
  BatchChargeResolver,
  StartBatchChargeResolver,
  GatewayWebhookEventResolver,
  PartnerWebhookEndpointResolver,
  PartnerWebhookDeliveryResolver,
  PartnerWebhookMutationsResolver,
  ReconciliationResolver,
  LiveResolver,
];
