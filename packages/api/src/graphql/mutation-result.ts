import { DomainError } from '../domain/errors.js';
import { UserError, UserErrorCode } from './common-types.js';

/**
 * Runs a mutation's domain call and turns business failures into `userErrors`; anything else
 * (a bug, an outage) stays an exception and is reported as an internal error.
 */
export async function withUserErrors<T>(work: () => Promise<T>): Promise<{ value: T | null; userErrors: UserError[] }> {
  try {
    return { value: await work(), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { value: null, userErrors: [toUserError(error)] };
    throw error;
  }
}

export function toUserError(error: DomainError): UserError {
  return Object.assign(new UserError(), { field: error.field, code: UserErrorCode[error.code], message: error.message });
}
