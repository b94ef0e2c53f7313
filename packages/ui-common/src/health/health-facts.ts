import type { Health } from '../graphql/health.js';

/** How a value reads at a glance; each app styles it with `.badge-<tone>` (base.css). */
export type Tone = 'ok' | 'warn' | 'bad';

export interface HealthFact {
  label: string;
  value: string;
  tone: Tone;
}

/** The API's health report as the rows both apps show: the overall status, then one row per dependency. */
export function healthFacts(health: Health): HealthFact[] {
  return [
    { label: 'Status', ...overall(health.status) },
    { label: 'Database', ...upDown(health.database) },
    { label: 'Temporal', ...upDown(health.temporal) },
  ];
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
