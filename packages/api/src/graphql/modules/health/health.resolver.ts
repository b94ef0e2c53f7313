import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../context.js';
import { API_VERSION } from '../../../version.js';

@ObjectType({ description: 'Whether the API and the parts it depends on answer.' })
export class Health {
  @Field(() => String, { description: '"ok" when every dependency answers, otherwise "degraded".' }) status!: string;
  @Field(() => Boolean, { description: 'PostgreSQL answered a query.' }) database!: boolean;
  @Field(() => Boolean, { description: 'The Temporal frontend answered a health check.' }) temporal!: boolean;
  @Field(() => String, { description: 'API version.' }) version!: string;
}

@Resolver()
export class HealthResolver {
  @Query(() => Health, { description: 'Health of the API and its dependencies; public.' })
  async health(@Ctx() ctx: GraphQLContext): Promise<Health> {
    const report = await ctx.services.health.check();
    const status = report.database && report.temporal ? 'ok' : 'degraded';
    return Object.assign(new Health(), { ...report, status, version: API_VERSION });
  }
}
