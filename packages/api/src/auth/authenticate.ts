import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey } from '../db/entities/api-key.js';
import { parseApiKey, secretMatches } from './api-key-secrets.js';
import type { SessionTokens } from './sessions.js';
import { ANONYMOUS, PERMISSIONS, type Permission, type Viewer } from './viewer.js';

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * Turns the Authorization header into a viewer. No header means anonymous; a header that does not
 * verify is an error (a client that meant to authenticate must learn it failed, not silently see less).
 */
export async function authenticate(
  authorization: string | undefined,
  em: EntityManager,
  sessions: SessionTokens,
): Promise<Viewer> {
  if (!authorization) return ANONYMOUS;
  const [scheme, token] = authorization.split(' ');
  if (scheme !== 'Bearer' || !token) throw new AuthenticationError('Authorization must be "Bearer <token>"');

  if (token.startsWith('prk_')) return authenticateApiKey(token, em);

  const claims = await sessions.verify(token);
  if (!claims) throw new AuthenticationError('session token is invalid or expired');
  return claims;
}

async function authenticateApiKey(token: string, em: EntityManager): Promise<Viewer> {
  const parsed = parseApiKey(token);
  const apiKey = parsed ? await em.findOne(ApiKey, { prefix: parsed.prefix }) : null;
  if (!parsed || !apiKey || apiKey.revokedAt || !secretMatches(parsed.secret, apiKey.secretHash)) {
    throw new AuthenticationError('API key is invalid or revoked');
  }
  await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: new Date() });
  const scopes = apiKey.scopes.filter((s): s is Permission => (PERMISSIONS as readonly string[]).includes(s));
  return { kind: 'partner', apiKeyId: apiKey.id, scopes };
}
