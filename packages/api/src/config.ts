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
