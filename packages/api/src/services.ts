/**
 * The domain layer for other processes (the Temporal worker): services, configuration and the ORM,
 * without the HTTP and GraphQL parts.
 */
import 'reflect-metadata';

export { loadConfig, ConfigError, type AppConfig } from './config.js';
export { createOrm, migrateToLatest, MikroORM } from './db/orm.js';
export * from './db/entities/index.js';
export { createLogger } from './logger.js';
export { createMetrics, type Metrics } from './metrics.js';
export { createServices, type Services } from './services/index.js';
export { SYSTEM, type Viewer } from './auth/viewer.js';
export { DomainError, type DomainErrorCode } from './domain/errors.js';
export { formatMoney, currencyExponent } from './domain/money.js';
export type { PaymentStatus } from './domain/payment-state.js';
export { isHardDecline, declineInPlainWords } from './domain/declines.js';
export type { ChargeCycleInput, ChargeCycleOutcome } from './services/recurring-billing.service.js';
export type { NotificationDraft } from './services/notifications.service.js';
export * from './workflow-contracts/index.js';
export { recordDomainEvent, type DomainEventSubject } from './events/domain-events.js';
