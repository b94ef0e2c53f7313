import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, type Viewer } from '../auth/viewer.js';
import { AuditLog } from '../db/entities/audit-log.js';

/** Records a staff or partner action in the same unit of work as the change it describes. */
export function audit(
  em: EntityManager,
  viewer: Viewer,
  action: string,
  entity: { type: string; id: string },
  data: Record<string, unknown> = {},
): AuditLog {
  const entry = em.create(AuditLog, { ...actorOf(viewer), action, entityType: entity.type, entityId: entity.id, data });
  em.persist(entry);
  return entry;
}
