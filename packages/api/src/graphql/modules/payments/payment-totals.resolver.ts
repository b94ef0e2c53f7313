import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Money } from '../../common-types.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { CurrencyCodeScalar, DateTimeScalar } from '../../scalars.js';

@ObjectType('CurrencyTotals', { description: 'Money moved in one currency over a period (never summed across currencies).' })
export class CurrencyTotalsType {
  @Field(() => CurrencyCodeScalar) currency!: string;
  @Field(() => Int, { description: 'Payments with captured money.' }) paymentCount!: number;
  @Field(() => Money) captured!: Money;
  @Field(() => Money) refunded!: Money;
  @Field(() => Money) fees!: Money;
  @Field(() => Money, { description: 'captured − refunded − fees.' }) net!: Money;
  @Field(() => Money, { description: 'Held, not yet captured.' }) authorized!: Money;
}

@Resolver()
export class PaymentTotalsResolver {
  @Query(() => [CurrencyTotalsType], { description: 'Totals per currency for a dashboard (payments:read).' })
  async paymentTotals(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date,
  ): Promise<CurrencyTotalsType[]> {
    requirePermission(ctx.viewer, 'payments:read');
    const rows: { currency: string; n: string; captured: string; refunded: string; fees: string; held: string }[] = await ctx.em.getConnection().execute(
      `select currency,
              count(*) filter (where captured_minor > 0) as n,
              coalesce(sum(captured_minor), 0) as captured,
              coalesce(sum(refunded_minor), 0) as refunded,
              coalesce(sum(fee_minor) filter (where captured_minor > 0), 0) as fees,
              coalesce(sum(authorized_minor) filter (where status = 'authorized'), 0) as held
         from payments
        where created_at >= coalesce(?::timestamptz, '-infinity') and created_at < coalesce(?::timestamptz, 'infinity')
        group by currency order by currency`,
      [from ?? null, to ?? null],
    );
    return rows.map((r) => {
      const [captured, refunded, fees, held] = [r.captured, r.refunded, r.fees, r.held].map(Number) as [number, number, number, number];
      return Object.assign(new CurrencyTotalsType(), {
        currency: r.currency,
        paymentCount: Number(r.n),
        captured: Money.of(captured, r.currency),
        refunded: Money.of(refunded, r.currency),
        fees: Money.of(fees, r.currency),
        net: Money.of(captured - refunded - fees, r.currency),
        authorized: Money.of(held, r.currency),
      });
    });
  }
}
