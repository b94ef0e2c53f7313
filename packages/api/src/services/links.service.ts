import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { Customer } from '../db/entities/customer.js';
import { Invoice } from '../db/entities/invoice.js';
import { OnlinePayment } from '../db/entities/online-payment.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency, assertPositiveAmount } from '../domain/money.js';
import { audit } from './audit.js';

export interface CreateLinkInput {
  amountMinor?: number | null;
  currency?: string | null;
  description?: string | null;
  expiresAt?: Date | null;
  customerId?: string | null;
  invoiceId?: string | null;
  reusable?: boolean | null;
}

/** Pay links: 256-bit random tokens; an invoice link defaults to what is left to pay on the invoice. */
export class LinksService {
  constructor(private readonly orm: MikroORM) {}

  async create(viewer: Viewer, input: CreateLinkInput): Promise<OnlinePayment> {
    return this.orm.em.fork().transactional(async (em) => {
      const invoice = input.invoiceId ? await em.findOne(Invoice, input.invoiceId) : null;
      if (input.invoiceId && !invoice) throw notFound('invoice', 'input.invoiceId');
      if (invoice && invoice.status !== 'open') throw new DomainError('INVOICE_NOT_PAYABLE', `the invoice is ${invoice.status}`, 'input.invoiceId');
      const customerId = input.customerId ?? invoice?.customer.id ?? null;
      if (customerId && !(await em.findOne(Customer, customerId))) throw notFound('customer', 'input.customerId');
      if (invoice && customerId && invoice.customer.id !== customerId) {
        throw new DomainError('INVALID_INPUT', 'the invoice belongs to another customer', 'input.invoiceId');
      }
      const amountMinor = input.amountMinor ?? (invoice ? invoice.amountMinor - invoice.amountPaidMinor : null);
      if (amountMinor == null) throw new DomainError('INVALID_AMOUNT', 'amountMinor is required', 'input.amountMinor');
      assertPositiveAmount(amountMinor);
      const currency = assertCurrency(input.currency ?? invoice?.currency ?? '');
      if (invoice && currency !== invoice.currency) throw new DomainError('CURRENCY_MISMATCH', `the invoice is in ${invoice.currency}`, 'input.currency');
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new DomainError('INVALID_INPUT', 'expiresAt must be in the future', 'input.expiresAt');
      }
      const link = em.create(OnlinePayment, {
        token: randomBytes(32).toString('base64url'),
        amountMinor,
        currency,
        description: input.description?.trim() || (invoice ? `Invoice ${invoice.number}` : 'Payment'),
        expiresAt: input.expiresAt ?? null,
        customer: customerId,
        invoice: invoice?.id ?? null,
        reusable: input.reusable ?? false,
      });
      em.persist(link);
      audit(em, viewer, 'link.created', { type: 'OnlinePayment', id: link.id }, { amountMinor, currency });
      return link;
    });
  }

  async cancel(viewer: Viewer, linkId: string): Promise<OnlinePayment> {
    return this.orm.em.fork().transactional(async (em) => {
      const link = await em.findOne(OnlinePayment, linkId);
      if (!link) throw notFound('pay link', 'input.id');
      if (link.status !== 'active') throw new DomainError('INVALID_STATE', `a ${link.status} link cannot be canceled`, 'input.id');
      link.status = 'canceled';
      audit(em, viewer, 'link.canceled', { type: 'OnlinePayment', id: link.id });
      return link;
    });
  }

  /** Public look-up by token; an expired link reports itself as expired. */
  async byToken(token: string): Promise<OnlinePayment | null> {
    const link = await this.orm.em.fork().findOne(OnlinePayment, { token });
    if (link && link.status === 'active' && link.expiresAt && link.expiresAt.getTime() <= Date.now()) link.status = 'expired';
    return link;
  }
}
