import { log } from '@temporalio/activity';
import { InvalidNameError, type PingInput } from './shared.js';

const MAX_NAME_LENGTH = 100;

/** Builds the greeting; rejects a name that no retry could make valid with a non-retryable `InvalidNameError`. */
export async function greet(input: PingInput): Promise<string> {
  const name = input.name.trim();
  if (name.length === 0) throw new InvalidNameError('name must not be blank');
  if (name.length > MAX_NAME_LENGTH) throw new InvalidNameError(`name must be at most ${MAX_NAME_LENGTH} characters`);
  log.info('greeting', { nameLength: name.length });
  return `Hello, ${name}!`;
}
