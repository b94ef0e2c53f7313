import type { NonEmptyArray } from 'type-graphql';
import { HealthResolver } from './modules/health/health.resolver.js';

/** Every resolver class of every module; a module adds its resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [HealthResolver];
