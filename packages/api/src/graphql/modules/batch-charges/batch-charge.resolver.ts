import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { BatchCharge } from '../../../db/entities/batch-charge.js';
import { DomainError } from '../../../domain/errors.js';
import type { BatchInvoiceResult, BatchProgress } from '../../../workflow-contracts/batch.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { BatchChargeProgressType, BatchChargeResultType, BatchChargeType } from './batch-charge.type.js';

@Resolver(() => BatchChargeType)
export class BatchChargeResolver {
  @Query(() => BatchChargeType, { nullable: true, description: 'One batch charge. Staff and partners with payments:read.' })
  async batchCharge(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<BatchCharge | null> {
    requirePermission(ctx.viewer, 'payments:read');
    try {
      return await ctx.services.batchCharges.get(id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @FieldResolver(() => BatchChargeProgressType, { description: 'Live from the workflow while it runs; the stored report once finished.' })
  progress(@Root() batch: BatchCharge, @Ctx() ctx: GraphQLContext): Promise<BatchProgress> {
    return ctx.services.batchCharges.progress(batch);
  }

  @FieldResolver(() => [BatchChargeResultType], { description: 'Per-invoice results (filled in when the batch finishes).' })
  results(@Root() batch: BatchCharge): BatchInvoiceResult[] {
    return batch.results;
  }
}
