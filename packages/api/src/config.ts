import { z } from 'zod';

/** Environment the API and worker read at start; every variable is validated before anything connects. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').default('127.0.0.1:57233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('payrail'),
  /** 32-byte key-encryption key, base64; the key id lets several be configured during rotation. */
  PAYRAIL_KEK: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64 (openssl rand -base64 32)'),
  PAYRAIL_KEK_ID: z.string().min(1).default('k1'),
  /** Previous keys still accepted for decryption while rotating: "id:base64,id:base64". */
  PAYRAIL_KEK_PREVIOUS: z.string().default(''),
  /** Secret that signs staff and customer session tokens. */
  PAYRAIL_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  PAYRAIL_PUBLIC_URL: z.string().url().default('http://127.0.0.1:4000'),
  PAYRAIL_CUSTOMER_PORTAL_URL: z.string().url().default('http://127.0.0.1:5174'),
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(5000),
  /** Test and demo only: send the Stripe / Razorpay SDKs to a local fake server instead of the real API. */
  PAYRAIL_STRIPE_API_BASE_URL: z.string().url().optional(),
  PAYRAIL_RAZORPAY_API_BASE_URL: z.string().url().optional(),
  /** How long a request owns an idempotency key before a retry may take its work over (crash recovery). */
  PAYRAIL_IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Start workflows from the API (hold watchers, schedules, batches). Tests without a worker turn it off. */
  PAYRAIL_WORKFLOWS: z.enum(['on', 'off']).default('on'),
  /** SMTP server for customer and staff email (failed payments, expiring holds); unset means no email is sent. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  PAYRAIL_MAIL_FROM: z.string().min(3).default('Payrail Billing <billing@payrail.test>'),
  /** Where staff notes (failed payments, holds about to expire) are emailed; they are always stored too. */
  PAYRAIL_STAFF_EMAIL: z.string().email().optional(),
  /** How often stored-but-unapplied inbound webhooks are looked for (they are also applied at start). */
  PAYRAIL_WEBHOOK_RECOVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Test hook for the crash test: store inbound webhooks and answer, but never apply them in this process. */
  PAYRAIL_TEST_HOLD_WEBHOOKS_AFTER_STORE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** How often the outbox is swept for events the NOTIFY wake-up missed. */
  PAYRAIL_OUTBOX_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  /** Partner webhook retries: first wait, doubling up to the maximum, given up after the total (default 30 s, 6 h, 3 days). */
  PAYRAIL_PARTNER_WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(30_000),
  PAYRAIL_PARTNER_WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(6 * 3_600_000),
  PAYRAIL_PARTNER_WEBHOOK_GIVE_UP_AFTER_MS: z.coerce.number().int().min(1_000).default(3 * 86_400_000),
  PAYRAIL_PARTNER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** A payment sitting this long in requires_payment_method / requires_action / processing is reconciled. */
  PAYRAIL_RECONCILE_STUCK_AFTER_MS: z.coerce.number().int().min(0).default(15 * 60_000),
  /** How often the worker's Temporal Schedule runs a reconciliation sweep; 0: the worker creates no schedule (tests on a shared server). */
  PAYRAIL_RECONCILE_SWEEP_EVERY_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || v >= 1_000, 'must be 0 (no schedule) or at least 1000')
    .default(5 * 60_000),
  /** Waits between reconciliation checks; after the last, the payment goes to the staff queue (5 m, 30 m, 2 h, 6 h, 1 d, 3 d). */
  PAYRAIL_RECONCILE_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated milliseconds')
    .default('300000,1800000,7200000,21600000,86400000,259200000')
    .transform((v) => v.split(',').map(Number)),
  /** Test and local setups only: let partner webhook URLs use http and loopback/private addresses. */
  PAYRAIL_PARTNER_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every missing or bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const missing = env[name] === undefined;
    return missing ? `${name} is required but not set` : `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}
