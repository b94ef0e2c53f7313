import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { Customer } from '../db/entities/customer.js';
import { Invoice } from '../db/entities/invoice.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency, assertPositiveAmount } from '../domain/money.js';
import { audit } from './audit.js';

export interface CreateInvoiceInput {
  customerId: string;
  number?: string | null;
  description?: string | null;
  amountMinor: number;
  currency: string;
  dueDate?: string | null;
  externalRef?: string | null;
}

export class InvoicesService {
  constructor(private readonly orm: MikroORM) {}

  async create(viewer: Viewer, input: CreateInvoiceInput): Promise<Invoice> {
    assertPositiveAmount(input.amountMinor);
    const currency = assertCurrency(input.currency);
    if (input.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) {
      throw new DomainError('INVALID_INPUT', 'dueDate must be YYYY-MM-DD', 'input.dueDate');
    }
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const customer = await em.findOne(Customer, input.customerId);
        if (!customer) throw notFound('customer', 'input.customerId');
        const invoice = em.create(Invoice, {
          customer,
          number: input.number ?? (await this.nextNumber(em)),
          description: input.description ?? null,
          amountMinor: input.amountMinor,
          currency,
          dueDate: input.dueDate ?? null,
          externalRef: input.externalRef ?? null,
        });
        em.persist(invoice);
        audit(em, viewer, 'invoice.created', { type: 'Invoice', id: invoice.id }, { amountMinor: input.amountMinor, currency });
        return invoice;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('DUPLICATE', 'an invoice with this number or external reference already exists', 'input.number');
      }
      throw error;
    }
  }

  async void(viewer: Viewer, invoiceId: string): Promise<Invoice> {
    return this.orm.em.fork().transactional(async (em) => {
      const invoice = await em.findOne(Invoice, invoiceId);
      if (!invoice) throw notFound('invoice', 'input.invoiceId');
      if (invoice.status !== 'open') throw new DomainError('INVALID_STATE', `a ${invoice.status} invoice cannot be voided`, 'input.invoiceId');
      if (invoice.amountPaidMinor > 0) throw new DomainError('INVALID_STATE', 'a partly paid invoice cannot be voided; refund first', 'input.invoiceId');
      invoice.status = 'void';
      audit(em, viewer, 'invoice.voided', { type: 'Invoice', id: invoice.id });
      return invoice;
    });
  }

  /** INV-<year>-<sequence>, numbered by a PostgreSQL sequence so concurrent creates never collide. */
  private async nextNumber(em: EntityManager): Promise<string> {
    const [row] = await em.getConnection().execute<{ n: string }[]>(`select nextval('invoice_number_seq') as n`);
    return `INV-${new Date().getUTCFullYear()}-${String(row?.n ?? '0').padStart(6, '0')}`;
  }
}
