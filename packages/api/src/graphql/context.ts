import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import type { Services } from '../services/index.js';
import type { Loaders } from './loaders.js';

/** Per-request state: who is asking, a fresh unit of work, the domain services and batched loaders. */
export interface GraphQLContext {
  requestId: string;
  viewer: Viewer;
  em: EntityManager;
  services: Services;
  loaders: Loaders;
  logger: Logger;
}
