import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { AuditLog } from '../../../db/entities/audit-log.js';
import { connectionOf, PageArgs, paginate } from '../../connection.js';
import type { GraphQLContext } from '../../context.js';
import { requirePermission } from '../../guards.js';
import { DateTimeScalar } from '../../scalars.js';

@ObjectType('AuditLogEntry', { description: 'A staff, partner or customer action that changed something.' })
export class AuditLogType {
  @Field(() => ID) id!: string;
  @Field(() => String) actorType!: string;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => String, { description: 'e.g. payment.refunded, gateway_key.updated.' }) action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => String) entityId!: string;
  @Field(() => String, { nullable: true, description: 'What changed, as JSON (never secrets).' }) dataJson!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

export const AuditLogConnection = connectionOf('AuditLogEntry', AuditLogType);

@Resolver()
export class AuditLogResolver {
  @Query(() => AuditLogConnection, { description: 'The audit trail, newest first (audit:read).' })
  async auditLogs(
    @Ctx() ctx: GraphQLContext,
    @Arg('entityId', () => String, { nullable: true }) entityId?: string,
    @Arg('page', () => PageArgs, { nullable: true }) page?: PageArgs,
  ) {
    requirePermission(ctx.viewer, 'audit:read');
    const result = await paginate(ctx.em, AuditLog, entityId ? { entityId } : {}, page);
    const view = (entry: AuditLog) => Object.assign(new AuditLogType(), entry, { dataJson: entry.data ? JSON.stringify(entry.data) : null });
    return { ...result, nodes: result.nodes.map(view), edges: result.edges.map((e) => ({ ...e, node: view(e.node) })) };
  }
}
