import type { Tone } from '../../components/StatusBadge';
import type { Health } from '../../graphql/health';

export interface StatusFact {
  label: string;
  value: string;
  tone: Tone;
}

export interface StatusView {
  /** One sentence a customer can act on. */
  headline: string;
  tone: Tone;
  facts: StatusFact[];
  version: string;
}

/** Turns the API's health report into the customer-facing status page. */
export function presentStatus(health: Health): StatusView {
  return {
    ...headline(health.status),
    facts: [
      { label: 'Status', ...overall(health.status) },
      { label: 'Database', ...upDown(health.database) },
      { label: 'Temporal', ...upDown(health.temporal) },
    ],
    version: health.version,
  };
}

function headline(status: string): { headline: string; tone: Tone } {
  switch (status) {
    case 'ok':
      return { headline: 'All systems operational', tone: 'ok' };
    case 'degraded':
      return { headline: 'Some services are degraded: payments may take longer than usual', tone: 'warn' };
    default:
      return { headline: 'Service status is unavailable right now', tone: 'warn' };
  }
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
