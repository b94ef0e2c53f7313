import { Field, ID, InputType } from 'type-graphql';
import { PaymentStatusEnum } from '../../common-types.js';
import { CurrencyCodeScalar, DateTimeScalar, SafeIntScalar } from '../../scalars.js';
import type { PaymentStatus } from '../../../domain/payment-state.js';
import type { Viewer } from '../../../auth/viewer.js';

@InputType({ description: 'Narrows a payments list; all conditions must hold.' })
export class PaymentFilter {
  @Field(() => [PaymentStatusEnum], { nullable: true }) status?: PaymentStatus[] | null;
  @Field(() => String, { nullable: true, description: 'Gateway name.' }) gateway?: string | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) invoiceId?: string | null;
  @Field(() => CurrencyCodeScalar, { nullable: true }) currency?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Created at or after.' }) createdFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Created before.' }) createdTo?: Date | null;
  @Field(() => SafeIntScalar, { nullable: true }) amountMinorFrom?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) amountMinorTo?: number | null;
  @Field(() => String, { nullable: true, description: 'Free text over gateway reference, description and id.' }) search?: string | null;
}

/** The MikroORM condition for a filter, always narrowed to the customer's own payments for customers. */
export function paymentWhere(filter: PaymentFilter | null | undefined, viewer: Viewer): Record<string, unknown> {
  const where: Record<string, unknown>[] = [];
  const f = filter ?? {};
  if (viewer.kind === 'customer') where.push({ customer: viewer.customerId });
  if (f.status?.length) where.push({ status: { $in: f.status } });
  if (f.gateway) where.push({ gateway: f.gateway });
  if (f.customerId) where.push({ customer: f.customerId });
  if (f.invoiceId) where.push({ invoice: f.invoiceId });
  if (f.currency) where.push({ currency: f.currency });
  if (f.createdFrom) where.push({ createdAt: { $gte: f.createdFrom } });
  if (f.createdTo) where.push({ createdAt: { $lt: f.createdTo } });
  if (f.amountMinorFrom != null) where.push({ amountMinor: { $gte: f.amountMinorFrom } });
  if (f.amountMinorTo != null) where.push({ amountMinor: { $lte: f.amountMinorTo } });
  if (f.search?.trim()) {
    const like = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const isId = /^[0-9a-f-]{36}$/i.test(f.search.trim());
    where.push({
      $or: [{ gatewayReference: { $ilike: like } }, { description: { $ilike: like } }, ...(isId ? [{ id: f.search.trim() }] : [])],
    });
  }
  return where.length ? { $and: where } : {};
}
