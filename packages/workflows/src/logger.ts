import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { pino, type Logger } from 'pino';

/** Paths whose values never reach a log line, whatever object carries them. */
const REDACTED_PATHS = ['apiKey', '*.apiKey', 'secretKey', '*.secretKey', 'password', '*.password', 'token', '*.token'];

/** The worker's JSON logger (one object per line on stdout). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'payrail-worker' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

const PINO_LEVEL: Record<LogLevel, pino.Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK's Logger interface over pino, for Runtime.install: the SDK's own lines, core's
 * forwarded lines and workflow/activity `log` calls all come out as the same JSON.
 */
export class PinoSdkLogger implements SdkLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[PINO_LEVEL[level]](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

export type { Logger };
