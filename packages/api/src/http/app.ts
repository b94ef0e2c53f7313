import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { authenticate, AuthenticationError } from '../auth/authenticate.js';
import type { AppConfig } from '../config.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/errors.js';
import { createLoaders } from '../graphql/loaders.js';
import { createSchema } from '../graphql/schema.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import { mountWebhookRoutes } from './webhooks.js';

export interface HttpApp {
  app: Express;
  /** The schema, also served over WebSocket (graphql-ws) for subscriptions once the server listens. */
  schema: GraphQLSchema;
  stop(): Promise<void>;
}

/** The API's HTTP surface: /graphql, /healthz, /readyz, /metrics and gateway webhooks. */
export async function createHttpApp(config: AppConfig, services: Services, logger: Logger, metrics: Metrics): Promise<HttpApp> {
  const schema = await createSchema(services.live);
  const armor = new ApolloArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST },
    maxAliases: { n: 30 },
    maxDirectives: { n: 30 },
    maxTokens: { n: 5000 },
    blockFieldSuggestion: { enabled: !config.GRAPHQL_INTROSPECTION },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // Only armor's validation rules: its Apollo plugins are typed against the CJS build of @apollo/server.
    validationRules: protection.validationRules,
    plugins: [operationMetricsPlugin(metrics)],
    introspection: config.GRAPHQL_INTROSPECTION,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => {
      const safe = formatError(formatted, error);
      if (safe.extensions?.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected GraphQL error');
      return safe;
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const requestId = req.header('x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ?? req.path.split('/').slice(0, 2).join('/');
      metrics.httpRequests.inc({ route, status: String(res.statusCode) });
      logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await services.health.check();
    res.status(report.database && report.temporal ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  mountWebhookRoutes(app, services, logger);

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const requestId = String(res.locals.requestId);
        const em = services.orm.em.fork();
        const viewer = await authenticate(req.header('authorization'), em, services.sessions).catch((error: unknown) => {
          if (error instanceof AuthenticationError) throw unauthenticatedResponse(error);
          throw error;
        });
        return { requestId, viewer, em, services, loaders: createLoaders(em), logger: logger.child({ requestId }) };
      },
    }),
  );

  return {
    app,
    schema,
    stop: () => apollo.stop(),
  };
}

/** A bad Authorization header fails the whole request with 401, before any resolver runs. */
function unauthenticatedResponse(error: AuthenticationError) {
  return Object.assign(new Error(error.message), {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

function operationMetricsPlugin(metrics: Metrics) {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse(ctx: { operationName?: string | null }) {
          end({ operation: ctx.operationName ?? 'anonymous' });
        },
      };
    },
  };
}
