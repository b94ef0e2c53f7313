import type { Tone } from '../../components/StatusBadge';
import type { Health } from '../../graphql/health';

export interface HealthFact {
  label: string;
  value: string;
  tone: Tone;
}

export interface HealthView {
  /** Overall status, then one fact per dependency. */
  facts: HealthFact[];
  version: string;
}

/** Turns the API's health report into what the page shows. */
export function presentHealth(health: Health): HealthView {
  return {
    facts: [
      { label: 'Status', ...overall(health.status) },
      { label: 'Database', ...upDown(health.database) },
      { label: 'Temporal', ...upDown(health.temporal) },
    ],
    version: health.version,
  };
}

function overall(status: string): { value: string; tone: Tone } {
  switch (status) {
    case 'ok':
      return { value: 'operational', tone: 'ok' };
    case 'degraded':
      return { value: 'degraded', tone: 'warn' };
    default:
      // A status this UI does not know yet: show it as sent, flagged.
      return { value: status || 'unknown', tone: 'warn' };
  }
}

function upDown(up: boolean): { value: string; tone: Tone } {
  return up ? { value: 'up', tone: 'ok' } : { value: 'down', tone: 'bad' };
}
