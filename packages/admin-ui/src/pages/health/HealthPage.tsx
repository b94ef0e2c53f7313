import { HealthQuery } from '@payrail/ui-common';
import { useQuery } from 'urql';
import { QueryError } from '../../components/QueryError';
import { StatusBadge } from '../../components/StatusBadge';
import { apiUrl } from '../../config';
import { presentHealth } from './present-health';

export function HealthPage() {
  // Health is only useful fresh: always ask the API.
  const [result, reexecute] = useQuery({ query: HealthQuery, requestPolicy: 'network-only' });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const view = result.data ? presentHealth(result.data.health) : undefined;

  return (
    <section className="card" aria-labelledby="health-title" aria-busy={result.fetching}>
      <div className="card-head">
        <h1 id="health-title">System health</h1>
        <button type="button" onClick={refresh} disabled={result.fetching}>
          Refresh
        </button>
      </div>
      {result.error ? (
        <QueryError error={result.error} endpoint={apiUrl} onRetry={refresh} />
      ) : view ? (
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
      ) : (
        <p className="muted" role="status">
          Checking the API…
        </p>
      )}
    </section>
  );
}
