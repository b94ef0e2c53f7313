import { describeQueryError } from '@payrail/ui-common';
import type { CombinedError } from 'urql';

/** A failed query, told to a customer: what happened, the technical detail small, and a retry. */
export function QueryError({ error, onRetry }: { error: CombinedError; onRetry: () => void }) {
  return (
    <div className="alert" role="alert">
      <p className="alert-title">We can't reach Payrail right now. Please try again in a moment.</p>
      <p className="muted detail">{describeQueryError(error)}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
