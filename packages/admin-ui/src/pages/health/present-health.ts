import { healthFacts, type Health, type HealthFact } from '@payrail/ui-common';

export interface HealthView {
  /** Overall status, then one fact per dependency. */
  facts: HealthFact[];
  version: string;
}

/** Turns the API's health report into what the page shows. */
export function presentHealth(health: Health): HealthView {
  return { facts: healthFacts(health), version: health.version };
}
