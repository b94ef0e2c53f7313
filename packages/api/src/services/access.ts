import type { Viewer } from '../auth/viewer.js';
import { hasPermission, type Permission } from '../auth/viewer.js';
import { notFound } from '../domain/errors.js';

/**
 * Whether the viewer may see or act on a record owned by `customerId` (null: owned by nobody).
 * Staff and partners need the permission; a customer only their own records. Denials look like
 * "not found" so a customer cannot probe for other customers' ids.
 */
export function canAccessCustomerRecord(viewer: Viewer, customerId: string | null | undefined, permission: Permission): boolean {
  if (viewer.kind === 'customer') return customerId === viewer.customerId;
  return hasPermission(viewer, permission);
}

export function assertCustomerRecordAccess(
  viewer: Viewer,
  customerId: string | null | undefined,
  permission: Permission,
  what: string,
  field: string | null = null,
): void {
  if (!canAccessCustomerRecord(viewer, customerId, permission)) throw notFound(what, field);
}
