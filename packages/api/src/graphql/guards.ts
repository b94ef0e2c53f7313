import { hasPermission, type Permission, type Viewer } from '../auth/viewer.js';
import { forbidden, unauthenticated } from './errors.js';

/** Staff or partner permission required; anonymous callers are told to sign in, others that they may not. */
export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!hasPermission(viewer, permission)) throw forbidden(`requires the ${permission} permission`);
}

/** Staff/partners with the permission, or a signed-in customer (who is then limited to their own records). */
export function requirePermissionOrCustomer(viewer: Viewer, permission: Permission): void {
  if (viewer.kind === 'customer') return;
  requirePermission(viewer, permission);
}
