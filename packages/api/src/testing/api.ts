import { randomBytes } from 'node:crypto';
import { startApi, type RunningApi, type StartApiOptions } from '../server.js';

/** Environment for an API under test: random secrets, an ephemeral port, quiet logs. */
export function testApiEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    PAYRAIL_KEK: randomBytes(32).toString('base64'),
    PAYRAIL_KEK_ID: 'test1',
    PAYRAIL_SESSION_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    // Test partner endpoints are local HTTP servers.
    PAYRAIL_PARTNER_WEBHOOKS_ALLOW_PRIVATE: 'true',
    // No worker polls in API tests; tests that run one turn workflows on (and pick a task queue).
    PAYRAIL_WORKFLOWS: 'off',
    // Workers started from this environment share the dev server: they must not own the platform-wide reconciliation Schedule.
    PAYRAIL_RECONCILE_SWEEP_EVERY_MS: '0',
    ...extra,
  };
}

export function startTestApi(
  databaseUrl: string,
  extra: Record<string, string> = {},
  options: Omit<StartApiOptions, 'env'> = {},
): Promise<RunningApi> {
  return startApi({ env: testApiEnv(databaseUrl, extra), ...options });
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}

/** A tiny GraphQL-over-HTTP client, so tests go through the real endpoint like any client would. */
export function graphqlClient(baseUrl: string, token?: string) {
  return async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  };
}
