import { z } from 'zod';

/** The task queue the worker polls and the API starts workflows on, unless TEMPORAL_TASK_QUEUE says otherwise. */
export const DEFAULT_TASK_QUEUE = 'payrail';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalPath = z.string().min(1, 'must be a file path').optional();

/** Environment the worker reads at start; every variable is validated before anything connects. */
const envSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s/]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1, 'must not be empty').default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1, 'must not be empty').default(DEFAULT_TASK_QUEUE),
  /** Temporal Cloud API key; turns TLS on. */
  TEMPORAL_API_KEY: z.string().min(1, 'must not be empty').optional(),
  /** mTLS client certificate and key (PEM files), for a self-hosted cluster or Temporal Cloud; set both or neither. */
  TEMPORAL_TLS_CERT_PATH: optionalPath,
  TEMPORAL_TLS_KEY_PATH: optionalPath,
  /** How long in-flight activities get to finish after SIGTERM/SIGINT before they are cancelled. */
  TEMPORAL_SHUTDOWN_GRACE_SECONDS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .default('10')
    .transform(Number),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

type Env = z.infer<typeof envSchema>;

export interface WorkerConfig {
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    /** Client certificate and key paths for mTLS. */
    clientCert?: { certPath: string; keyPath: string };
  };
  shutdownGraceSeconds: number;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the worker's environment. Throws one ConfigError with one line per missing or bad variable;
 * values are never echoed (some are secrets).
 */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = envSchema.safeParse(env);
  const byVariable = new Map<string, string>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const name = issue.path.join('.');
    if (byVariable.has(name)) continue;
    byVariable.set(name, env[name] === undefined ? `${name} is required but not set` : `${name} ${issue.message}`);
  }
  // Checked on the raw values so the pair is reported even when other variables are bad too.
  const [cert, key] = [env.TEMPORAL_TLS_CERT_PATH, env.TEMPORAL_TLS_KEY_PATH];
  if (cert !== undefined && key === undefined) byVariable.set('TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_KEY_PATH must be set when TEMPORAL_TLS_CERT_PATH is');
  if (key !== undefined && cert === undefined) byVariable.set('TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_CERT_PATH must be set when TEMPORAL_TLS_KEY_PATH is');
  if (!parsed.success || byVariable.size > 0) throw new ConfigError([...byVariable.values()]);
  const e = parsed.data;
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      ...(e.TEMPORAL_API_KEY !== undefined && { apiKey: e.TEMPORAL_API_KEY }),
      ...(e.TEMPORAL_TLS_CERT_PATH !== undefined &&
        e.TEMPORAL_TLS_KEY_PATH !== undefined && {
          clientCert: { certPath: e.TEMPORAL_TLS_CERT_PATH, keyPath: e.TEMPORAL_TLS_KEY_PATH },
        }),
    },
    shutdownGraceSeconds: e.TEMPORAL_SHUTDOWN_GRACE_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}
