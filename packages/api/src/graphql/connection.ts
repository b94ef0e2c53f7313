import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './common-types.js';

@InputType({ description: 'Forward pagination: the first N items after a cursor.' })
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page\'s pageInfo.endCursor.' })
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares `<Name>Connection` and `<Name>Edge` GraphQL types for a node type. */
export function connectionOf<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => nodeType) node!: T;
    @Field(() => String) cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, newest first.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that do not need cursors.' })
    nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'How many items match the filter in all pages.' }) totalCount!: number;
  }
  return Connection;
}

const MAX_PAGE = 100;

/**
 * Keyset pagination on the time-ordered UUID v7 primary key: newest first, the cursor is the last id.
 * A page costs two queries (rows and count) whatever its size.
 */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: ClassType<T>,
  where: object,
  page: PageArgs = {},
): Promise<ConnectionShape<T>> {
  const first = Math.min(Math.max(page.first ?? 20, 1), MAX_PAGE);
  const pageWhere: object = page.after ? { $and: [where, { id: { $lt: decodeCursor(page.after) } }] } : where;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere, { orderBy: { id: 'desc' } as object, limit: first + 1 }),
    em.count(entity, where),
  ]);
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }),
  };
}

export const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('invalid cursor');
  return id;
}
