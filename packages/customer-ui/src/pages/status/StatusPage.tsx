import { HealthQuery } from '@payrail/ui-common';
import { useQuery } from 'urql';
import { QueryError } from '../../components/QueryError';
import { StatusBadge } from '../../components/StatusBadge';
import { presentStatus } from './present-status';

export function StatusPage() {
  // Status is only useful fresh: always ask the API.
  const [result, reexecute] = useQuery({ query: HealthQuery, requestPolicy: 'network-only' });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const view = result.data ? presentStatus(result.data.health) : undefined;

  return (
    <section className="card" aria-labelledby="status-title" aria-busy={result.fetching}>
      <h1 id="status-title">Service status</h1>
      {result.error ? (
        <QueryError error={result.error} onRetry={refresh} />
      ) : view ? (
        <>
          <p className={`headline headline-${view.tone}`} role="status">
            {view.headline}
          </p>
          <dl className="facts">
            {view.facts.map((fact) => (
              <div className="fact" key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>
                  <StatusBadge tone={fact.tone}>{fact.value}</StatusBadge>
                </dd>
              </div>
            ))}
            <div className="fact">
              <dt>Version</dt>
              <dd>
                <code>{view.version}</code>
              </dd>
            </div>
          </dl>
          <button type="button" onClick={refresh} disabled={result.fetching}>
            Check again
          </button>
        </>
      ) : (
        <p className="muted" role="status">
          Checking our services…
        </p>
      )}
    </section>
  );
}
