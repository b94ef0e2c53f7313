import type { MikroORM } from '@mikro-orm/postgresql';
import type { TemporalGateway } from './temporal.js';

export interface HealthReport {
  database: boolean;
  temporal: boolean;
}

/** Readiness: the API is ready when PostgreSQL answers a query and Temporal's frontend answers a health check. */
export class HealthService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: TemporalGateway,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([this.databaseUp(), this.temporal.isReachable()]);
    return { database, temporal };
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await this.orm.em.getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  }
}
