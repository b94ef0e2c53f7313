import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { BalanceTransaction } from '../db/entities/balance-transaction.js';
import { CustomerBalance } from '../db/entities/customer-balance.js';
import { Invoice } from '../db/entities/invoice.js';
import { OnlinePayment } from '../db/entities/online-payment.js';
import type { Payment } from '../db/entities/payment.js';
import { DomainError } from '../domain/errors.js';
import { recordDomainEvent } from '../events/domain-events.js';

/**
 * What a payment's capture means for the rest of the books, applied in the same transaction as the
 * transition: the invoice is paid down, the pay link counts a payment, a top-up credits the balance.
 */
export async function applyCaptureEffects(em: EntityManager, payment: Payment, capturedDelta: number): Promise<void> {
  if (capturedDelta <= 0) return;
  if (payment.invoice) {
    const invoice = await em.findOneOrFail(Invoice, payment.invoice.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    invoice.amountPaidMinor += capturedDelta;
    if (invoice.amountPaidMinor >= invoice.amountMinor && invoice.status === 'open') {
      invoice.status = 'paid';
      invoice.paidAt = new Date();
    }
  }
  if (payment.onlinePayment) {
    const link = await em.findOneOrFail(OnlinePayment, payment.onlinePayment.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    link.paidCount += 1;
    if (!link.reusable && link.status === 'active') link.status = 'paid';
    recordDomainEvent(em, 'link.paid', {
      subjectType: 'link',
      subjectId: link.id,
      data: { id: link.id, paymentId: payment.id, amountMinor: capturedDelta, currency: payment.currency, status: link.status, paidCount: link.paidCount },
    });
  }
  if (payment.purpose === 'top_up' && payment.customer) {
    await moveBalance(em, payment.customer.id, payment.currency, capturedDelta, { kind: 'top_up', paymentId: payment.id });
  }
}

/**
 * Credits (positive) or debits (negative) a customer's prepaid balance with a ledger row; the row lock
 * and the CHECK constraint keep the balance from going below zero under concurrency.
 */
export async function moveBalance(
  em: EntityManager,
  customerId: string,
  currency: string,
  amountMinor: number,
  entry: { kind: BalanceTransaction['kind']; paymentId?: string; invoiceId?: string; note?: string },
): Promise<number> {
  await em.getConnection().execute(
    `insert into customer_balances (id, customer_id, currency, amount_minor, updated_at)
     values (gen_random_uuid(), ?, ?, 0, now()) on conflict (customer_id, currency) do nothing`,
    [customerId, currency],
  );
  const balance = await em.findOneOrFail(CustomerBalance, { customer: customerId, currency }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (balance.amountMinor + amountMinor < 0) {
    throw new DomainError('INSUFFICIENT_BALANCE', `prepaid balance of ${balance.amountMinor} ${currency} minor units is not enough`, null);
  }
  balance.amountMinor += amountMinor;
  em.persist(
    em.create(BalanceTransaction, {
      customer: customerId,
      kind: entry.kind,
      currency,
      amountMinor,
      balanceAfterMinor: balance.amountMinor,
      paymentId: entry.paymentId ?? null,
      invoiceId: entry.invoiceId ?? null,
      note: entry.note ?? null,
    }),
  );
  return balance.amountMinor;
}
