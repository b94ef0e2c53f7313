import { healthFacts, type Health, type HealthFact, type Tone } from '@payrail/ui-common';

export interface StatusView {
  /** One sentence a customer can act on. */
  headline: string;
  tone: Tone;
  facts: HealthFact[];
  version: string;
}

/** Turns the API's health report into the customer-facing status page. */
export function presentStatus(health: Health): StatusView {
  return { ...headline(health.status), facts: healthFacts(health), version: health.version };
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
