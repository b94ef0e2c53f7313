import type { FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { actorOf, SYSTEM, type Viewer } from '../auth/viewer.js';
import { BatchCharge } from '../db/entities/batch-charge.js';
import { CustomerPaymentProfile } from '../db/entities/customer-payment-profile.js';
import { Invoice } from '../db/entities/invoice.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency } from '../domain/money.js';
import { batchInvoiceChargeKey, batchWorkflowId, type BatchChargeFilter, type BatchInvoiceResult, type BatchProgress } from '../workflow-contracts/batch.js';
import { audit } from './audit.js';
import type { PaymentsService } from './payments.service.js';
import type { WorkflowCommands } from './workflow-commands.js';

/** The most invoices one batch charges; a bigger backlog is charged by running it again. */
export const BATCH_MAX_INVOICES = 1000;

/** "Charge all open invoices": the batch row, its workflow, and what each of its activities does. */
export class BatchChargesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly payments: PaymentsService,
    private readonly workflows: WorkflowCommands,
    private readonly logger: Logger,
  ) {}

  async start(viewer: Viewer, filter: BatchChargeFilter, concurrency = 4): Promise<BatchCharge> {
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new DomainError('INVALID_INPUT', 'concurrency must be 1 to 16', 'input.concurrency');
    if (filter.currency) filter.currency = assertCurrency(filter.currency);
    if (filter.dueOnOrBefore && !/^\d{4}-\d{2}-\d{2}$/.test(filter.dueOnOrBefore)) throw new DomainError('INVALID_INPUT', 'dueOnOrBefore must be YYYY-MM-DD', 'input.filter.dueOnOrBefore');
    if (!this.workflows.isEnabled) throw new DomainError('INVALID_STATE', 'workflows are turned off on this server (PAYRAIL_WORKFLOWS=off)', null);
    const batch = await this.orm.em.fork().transactional(async (em) => {
      const created = em.create(BatchCharge, { filter, concurrency, workflowId: '', createdBy: `${actorOf(viewer).actorType}:${actorOf(viewer).actorId ?? ''}`.slice(0, 80) });
      created.workflowId = batchWorkflowId(created.id);
      em.persist(created);
      audit(em, viewer, 'batch_charge.started', { type: 'BatchCharge', id: created.id }, { filter });
      return created;
    });
    await this.workflows.startBatch({ batchId: batch.id, concurrency });
    return batch;
  }

  async get(batchId: string): Promise<BatchCharge> {
    const batch = await this.orm.em.fork().findOne(BatchCharge, batchId);
    if (!batch) throw notFound('batch charge', 'id');
    return batch;
  }

  /** Live counts from the workflow while it runs; the stored report once it finished. */
  async progress(batch: BatchCharge): Promise<BatchProgress> {
    const stored: BatchProgress = { total: batch.total, done: batch.charged + batch.failed + batch.skipped, charged: batch.charged, failed: batch.failed, skipped: batch.skipped, finished: batch.status === 'completed' };
    if (batch.status === 'completed') return stored;
    return (await this.workflows.queryBatch(batch.id)) ?? stored;
  }

  /** The open invoices the batch's filter matches, oldest first, at most {@link BATCH_MAX_INVOICES}. */
  async invoiceIds(batchId: string): Promise<string[]> {
    const em = this.orm.em.fork();
    const batch = await em.findOneOrFail(BatchCharge, batchId);
    const where: FilterQuery<Invoice> = { status: 'open' };
    if (batch.filter.customerId) where.customer = batch.filter.customerId;
    if (batch.filter.currency) where.currency = batch.filter.currency;
    if (batch.filter.dueOnOrBefore) where.dueDate = { $lte: batch.filter.dueOnOrBefore };
    const invoices = await em.find(Invoice, where, { fields: ['id'], orderBy: { id: 'asc' }, limit: BATCH_MAX_INVOICES });
    await em.nativeUpdate(BatchCharge, { id: batchId }, { total: invoices.length });
    return invoices.map((i) => i.id);
  }

  /**
   * Charges one invoice with its customer's default card. Paid invoices are skipped, and the charge key
   * is the invoice + card, so running the batch twice (or two at once) never charges an invoice twice.
   */
  async chargeInvoice(invoiceId: string): Promise<BatchInvoiceResult> {
    const em = this.orm.em.fork();
    const invoice = await em.findOneOrFail(Invoice, invoiceId);
    if (invoice.status !== 'open') return { invoiceId, outcome: 'skipped', paymentId: null, reason: `invoice_${invoice.status}` };
    const profile = await em.findOne(CustomerPaymentProfile, { customer: invoice.customer.id, status: 'active', isDefault: true });
    if (!profile) return { invoiceId, outcome: 'skipped', paymentId: null, reason: 'no_default_profile' };
    try {
      const payment = await this.payments.initiate(SYSTEM, {
        idempotencyKey: batchInvoiceChargeKey(invoiceId, profile.id),
        customerId: invoice.customer.id,
        invoiceId,
        profileId: profile.id,
        offSession: true,
      });
      const charged = payment.status === 'captured' || payment.status === 'authorized';
      return { invoiceId, outcome: charged ? 'charged' : 'failed', paymentId: payment.id, reason: charged ? null : (payment.failureCode ?? payment.status) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'IDEMPOTENCY_IN_PROGRESS') throw error;
      this.logger.info({ invoiceId, code: error.code }, 'batch charge refused for an invoice');
      return { invoiceId, outcome: error.code === 'INVOICE_NOT_PAYABLE' ? 'skipped' : 'failed', paymentId: null, reason: error.code.toLowerCase() };
    }
  }

  async finish(batchId: string, results: BatchInvoiceResult[]): Promise<void> {
    const count = (outcome: BatchInvoiceResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    await this.orm.em.fork().transactional(async (em) => {
      const batch = await em.findOneOrFail(BatchCharge, batchId);
      Object.assign(batch, { status: 'completed', total: results.length, charged: count('charged'), failed: count('failed'), skipped: count('skipped'), results, finishedAt: new Date() });
      audit(em, SYSTEM, 'batch_charge.finished', { type: 'BatchCharge', id: batchId }, { charged: batch.charged, failed: batch.failed, skipped: batch.skipped });
    });
  }
}
