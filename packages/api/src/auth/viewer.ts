import type { StaffRole } from '../db/entities/staff-user.js';

/** Everything a partner key can be granted; staff roles map onto the same permissions. */
export const PERMISSIONS = [
  'payments:read',
  'payments:write',
  'refunds:write',
  'customers:read',
  'customers:write',
  'invoices:read',
  'invoices:write',
  'links:read',
  'links:write',
  'profiles:read',
  'profiles:write',
  'schedules:read',
  'schedules:write',
  'keys:read',
  'keys:write',
  'apikeys:write',
  'audit:read',
  'webhooks:read',
  'webhooks:write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_ONLY: Permission[] = PERMISSIONS.filter((p) => p.endsWith(':read'));

export const STAFF_ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  finance: PERMISSIONS.filter((p) => !['keys:write', 'apikeys:write'].includes(p)),
  support: READ_ONLY,
};

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'staff'; staffId: string; role: StaffRole }
  | { kind: 'customer'; customerId: string }
  | { kind: 'partner'; apiKeyId: string; scopes: readonly Permission[] };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** The platform itself acting (seed scripts, workflows); audited as staff "system". */
export const SYSTEM: Viewer = { kind: 'staff', staffId: 'system', role: 'admin' };

/** Staff and partners hold permissions; customers act only on their own records (checked per object). */
export function hasPermission(viewer: Viewer, permission: Permission): boolean {
  switch (viewer.kind) {
    case 'staff':
      return STAFF_ROLE_PERMISSIONS[viewer.role].includes(permission);
    case 'partner':
      return viewer.scopes.includes(permission);
    case 'customer':
    case 'anonymous':
      return false;
  }
}

/** The id that scopes idempotency keys, so two callers can never collide on the same key. */
export function idempotencyScope(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'staff':
      return 'staff';
    case 'partner':
      return `partner:${viewer.apiKeyId}`;
    case 'customer':
      return `customer:${viewer.customerId}`;
    case 'anonymous':
      return 'public';
  }
}

export function actorOf(viewer: Viewer): { actorType: string; actorId: string | null } {
  switch (viewer.kind) {
    case 'staff':
      return { actorType: 'staff', actorId: viewer.staffId };
    case 'partner':
      return { actorType: 'partner', actorId: viewer.apiKeyId };
    case 'customer':
      return { actorType: 'customer', actorId: viewer.customerId };
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null };
  }
}
