import { createGateway, isGatewayName, type PaymentGateway } from '@payrail/gateways';
import type { PaymentGatewayKey } from '../db/entities/payment-gateway-key.js';
import type { SecretBox } from '../domain/secret-box.js';

/** Test-only overrides that point a gateway's SDK at a local fake server. */
export type GatewayBaseUrls = Partial<Record<string, string>>;

/**
 * One gateway client per configured key, decrypted once and cached; a change to the key bumps its
 * version, which rebuilds the client on next use.
 */
export class GatewayClients {
  private readonly cache = new Map<string, { version: number; gateway: PaymentGateway }>();

  constructor(
    private readonly secretBox: SecretBox,
    private readonly baseUrls: GatewayBaseUrls = {},
  ) {}

  forKey(key: PaymentGatewayKey): PaymentGateway {
    const cached = this.cache.get(key.id);
    if (cached && cached.version === key.version) return cached.gateway;
    if (!isGatewayName(key.gateway)) throw new Error(`gateway key ${key.id} names unknown gateway ${key.gateway}`);
    const apiBaseUrl = this.baseUrls[key.gateway];
    const gateway = createGateway(key.gateway, {
      mode: key.mode,
      secretKey: this.secretBox.open(key.secretKeyEnvelope),
      ...(key.publishableKey ? { publishableKey: key.publishableKey } : {}),
      ...(key.webhookSecretEnvelope ? { webhookSecret: this.secretBox.open(key.webhookSecretEnvelope) } : {}),
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
    });
    this.cache.set(key.id, { version: key.version, gateway });
    return gateway;
  }

  forget(keyId: string): void {
    this.cache.delete(keyId);
  }
}
