import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Viewer } from '../../auth/viewer.js';
import { PartnerWebhookEndpoint } from '../../db/entities/partner-webhook-endpoint.js';
import { assertAllowedPartnerUrl, type PartnerUrlPolicy } from './url-policy.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { secretHint, type SecretBox } from '../../domain/secret-box.js';
import { audit } from '../audit.js';

export interface EndpointSettings {
  url?: string | null;
  description?: string | null;
  eventTypes?: string[] | null;
  enabled?: boolean | null;
}

/** The endpoint, and its signing secret when it was just created or rotated (shown once, never again). */
export interface EndpointWithSecret {
  endpoint: PartnerWebhookEndpoint;
  secret: string | null;
}

const EVENT_TYPE = /^(\*|[a-z_]+\.[a-z_]+)$/;
const MAX_EVENT_TYPES = 50;

/**
 * Partner webhook endpoints. Staff see and manage all of them; a partner key sees only the ones it
 * registered (another partner's looks like one that does not exist). Every change is audited.
 */
export class PartnerWebhookEndpointsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly secretBox: SecretBox,
    readonly urlPolicy: PartnerUrlPolicy,
  ) {}

  async create(viewer: Viewer, input: EndpointSettings & { url: string; eventTypes: string[] }): Promise<EndpointWithSecret> {
    const secret = newSigningSecret();
    return this.orm.em.fork().transactional(async (em) => {
      const endpoint = em.create(PartnerWebhookEndpoint, {
        url: '',
        eventTypes: [],
        secretEnvelope: this.secretBox.seal(secret),
        secretHint: secretHint(secret),
        createdBy: ownerOf(viewer),
      });
      applySettings(endpoint, input, this.urlPolicy);
      em.persist(endpoint);
      audit(em, viewer, 'partner_webhook.created', { type: 'PartnerWebhookEndpoint', id: endpoint.id }, { url: endpoint.url, eventTypes: endpoint.eventTypes });
      return { endpoint, secret };
    });
  }

  async update(viewer: Viewer, id: string, input: EndpointSettings & { rotateSecret?: boolean | null }): Promise<EndpointWithSecret> {
    return this.orm.em.fork().transactional(async (em) => {
      const endpoint = await em.findOne(PartnerWebhookEndpoint, id);
      if (!endpoint || !canSee(viewer, endpoint)) throw notFound('webhook endpoint', 'input.id');
      applySettings(endpoint, input, this.urlPolicy);
      let secret: string | null = null;
      if (input.rotateSecret) {
        secret = newSigningSecret();
        endpoint.secretEnvelope = this.secretBox.seal(secret);
        endpoint.secretHint = secretHint(secret);
      }
      audit(em, viewer, 'partner_webhook.updated', { type: 'PartnerWebhookEndpoint', id: endpoint.id }, {
        url: endpoint.url,
        eventTypes: endpoint.eventTypes,
        enabled: endpoint.enabled,
        secretRotated: Boolean(input.rotateSecret),
      });
      return { endpoint, secret };
    });
  }

  async list(viewer: Viewer): Promise<PartnerWebhookEndpoint[]> {
    const where = viewer.kind === 'partner' ? { createdBy: ownerOf(viewer) } : {};
    return this.orm.em.fork().find(PartnerWebhookEndpoint, where, { orderBy: { createdAt: 'desc' }, limit: 200 });
  }

  async get(viewer: Viewer, id: string, field = 'id'): Promise<PartnerWebhookEndpoint> {
    const endpoint = await this.orm.em.fork().findOne(PartnerWebhookEndpoint, id);
    if (!endpoint || !canSee(viewer, endpoint)) throw notFound('webhook endpoint', field);
    return endpoint;
  }

  /** The signing secret, for the delivery activity only. */
  signingSecret(endpoint: PartnerWebhookEndpoint): string {
    return this.secretBox.open(endpoint.secretEnvelope);
  }
}

/** Staff see every endpoint; a partner only its own. */
export function canSee(viewer: Viewer, endpoint: PartnerWebhookEndpoint): boolean {
  return viewer.kind === 'staff' || (viewer.kind === 'partner' && endpoint.createdBy === ownerOf(viewer));
}

function ownerOf(viewer: Viewer): string {
  const actor = actorOf(viewer);
  return `${actor.actorType}:${actor.actorId ?? ''}`;
}

function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function applySettings(endpoint: PartnerWebhookEndpoint, input: EndpointSettings, policy: PartnerUrlPolicy): void {
  if (input.url != null) endpoint.url = validUrl(input.url, policy);
  if (input.description !== undefined) endpoint.description = input.description?.slice(0, 200) ?? null;
  if (input.eventTypes != null) endpoint.eventTypes = validEventTypes(input.eventTypes);
  if (input.enabled != null) endpoint.enabled = input.enabled;
}

function validUrl(value: string, policy: PartnerUrlPolicy): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError('INVALID_INPUT', 'url must be an absolute http(s) URL', 'input.url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError('INVALID_INPUT', 'url must use https (or http in test setups)', 'input.url');
  if (url.username || url.password) throw new DomainError('INVALID_INPUT', 'url must not carry credentials; the signature authenticates us', 'input.url');
  if (value.length > 2000) throw new DomainError('INVALID_INPUT', 'url is longer than 2000 characters', 'input.url');
  assertAllowedPartnerUrl(url, policy);
  return url.toString();
}

function validEventTypes(types: string[]): string[] {
  const unique = [...new Set(types.map((t) => t.trim()))];
  if (unique.length === 0 || unique.length > MAX_EVENT_TYPES) {
    throw new DomainError('INVALID_INPUT', `give between 1 and ${MAX_EVENT_TYPES} event types ("*" for all)`, 'input.eventTypes');
  }
  const bad = unique.find((t) => !EVENT_TYPE.test(t));
  if (bad) throw new DomainError('INVALID_INPUT', `"${bad}" is not an event type such as payment.succeeded`, 'input.eventTypes');
  return unique;
}
