import { describeQueryError } from '@payrail/ui-common';
import type { CombinedError } from 'urql';

/** What went wrong with a query, where it went, and a way to try again. */
export function QueryError({ error, endpoint, onRetry }: { error: CombinedError; endpoint: string; onRetry: () => void }) {
  return (
    <div className="alert" role="alert">
      <p className="alert-title">{describeQueryError(error)}</p>
      <p className="muted">
        Endpoint: <code>{endpoint}</code>
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
