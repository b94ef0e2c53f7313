export { adminDatabaseUrl, createTestDatabase, type TestDatabase } from './database.js';
export { graphqlClient, startTestApi, testApiEnv, type GraphQLResponse } from './api.js';
export { fixtures, uniqueKey } from './fixtures.js';
