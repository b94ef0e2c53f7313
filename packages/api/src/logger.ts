import { pino, type Logger } from 'pino';

/** Paths whose values never reach a log line, whatever object carries them. */
export const REDACTED_PATHS = [
  'secretKey',
  'webhookSecret',
  'password',
  'token',
  'apiKey',
  'authorization',
  '*.secretKey',
  '*.webhookSecret',
  '*.password',
  '*.token',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'payrail-api' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export type { Logger };
