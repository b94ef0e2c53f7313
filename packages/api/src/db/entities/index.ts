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

/** The list MikroORM discovers (explicit, so the built package needs no folder scanning). */
export const allEntities = [ApiKey, AuditLog, BalanceTransaction, Customer, CustomerBalance, CustomerPaymentProfile, GatewayCustomer, IdempotencyRecord, Invoice, OnlinePayment, Payment, PaymentGatewayKey, PaymentGatewayTransaction, RecurringSchedule, Refund, StaffUser, BatchCharge, Notification];
