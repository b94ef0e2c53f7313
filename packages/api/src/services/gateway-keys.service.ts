import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { gatewayNames, isGatewayName, validateKeyForMode } from '@payrail/gateways';
import { SYSTEM, type Viewer } from '../auth/viewer.js';
import { PaymentGatewayKey, type HoldExpiryAction, type KeyMode } from '../db/entities/payment-gateway-key.js';
import { DomainError, notFound } from '../domain/errors.js';
import { assertCurrency } from '../domain/money.js';
import { SecretBox, secretHint } from '../domain/secret-box.js';
import { audit } from './audit.js';
import type { GatewayClients } from './gateway-clients.js';

export interface GatewayKeySettings {
  label?: string | null;
  publishableKey?: string | null;
  secretKey?: string | null;
  webhookSecret?: string | null;
  enabled?: boolean | null;
  visibleToCustomers?: boolean | null;
  feeFixedMinor?: number | null;
  feePercentBps?: number | null;
  currencies?: string[] | null;
  minimumAmounts?: { currency: string; amountMinor: number }[] | null;
  manualCaptureAllowed?: boolean | null;
  recurringAllowed?: boolean | null;
  authorizationTtlHours?: number | null;
  holdExpiryAction?: HoldExpiryAction | null;
}

export interface CreateGatewayKeyInput extends GatewayKeySettings {
  gateway: string;
  mode: KeyMode;
  label: string;
  secretKey: string;
  currencies: string[];
}

/** Gateway keys: secrets sealed before they touch the database, write-only over the API, every change audited. */
export class GatewayKeysService {
  constructor(
    private readonly orm: MikroORM,
    private readonly secretBox: SecretBox,
    private readonly clients: GatewayClients,
  ) {}

  async create(viewer: Viewer, input: CreateGatewayKeyInput): Promise<PaymentGatewayKey> {
    if (!isGatewayName(input.gateway)) {
      throw new DomainError('INVALID_INPUT', `unknown gateway "${input.gateway}"; known: ${gatewayNames.join(', ')}`, 'input.gateway');
    }
    if (input.mode !== 'test' && input.mode !== 'live') throw new DomainError('INVALID_INPUT', 'mode must be test or live', 'input.mode');
    return this.orm.em.fork().transactional(async (em) => {
      const key = em.create(PaymentGatewayKey, {
        gateway: input.gateway,
        mode: input.mode,
        label: input.label,
        secretKeyEnvelope: '',
        secretKeyHint: '',
        currencies: [],
      });
      this.applySettings(key, input);
      em.persist(key);
      audit(em, viewer, 'gateway_key.created', { type: 'PaymentGatewayKey', id: key.id }, describeChange(input));
      return key;
    });
  }

  async update(viewer: Viewer, keyId: string, input: GatewayKeySettings): Promise<PaymentGatewayKey> {
    const key = await this.orm.em.fork().transactional(async (em) => {
      const found = await em.findOne(PaymentGatewayKey, keyId);
      if (!found) throw notFound('gateway key', 'input.id');
      this.applySettings(found, input);
      audit(em, viewer, 'gateway_key.updated', { type: 'PaymentGatewayKey', id: found.id }, describeChange(input));
      return found;
    });
    this.clients.forget(key.id);
    return key;
  }

  /** Makes a harmless authenticated call with the stored credentials. */
  async verify(viewer: Viewer, keyId: string): Promise<{ ok: boolean; message: string | null }> {
    const em = this.orm.em.fork();
    const key = await em.findOne(PaymentGatewayKey, keyId);
    if (!key) throw notFound('gateway key', 'input.id');
    const result = await this.clients.forKey(key).verifyCredentials().catch((error: unknown) => ({
      ok: false,
      message: error instanceof Error ? error.message : 'verification failed',
    }));
    audit(em, viewer, 'gateway_key.verified', { type: 'PaymentGatewayKey', id: key.id }, { ok: result.ok });
    await em.flush();
    return { ok: result.ok, message: result.message ?? null };
  }

  /**
   * Re-seals every secret that is not under the current key-encryption key (after PAYRAIL_KEK_ID
   * changes, with the old key still listed in PAYRAIL_KEK_PREVIOUS). Returns how many keys changed.
   */
  async reencryptAll(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const keys = await em.find(PaymentGatewayKey, {}, { lockMode: LockMode.PESSIMISTIC_WRITE });
      let changed = 0;
      for (const key of keys) {
        const stale = [key.secretKeyEnvelope, key.webhookSecretEnvelope].some(
          (envelope) => envelope && SecretBox.keyIdOf(envelope) !== this.secretBox.keyId,
        );
        if (!stale) continue;
        key.secretKeyEnvelope = this.secretBox.seal(this.secretBox.open(key.secretKeyEnvelope));
        if (key.webhookSecretEnvelope) key.webhookSecretEnvelope = this.secretBox.seal(this.secretBox.open(key.webhookSecretEnvelope));
        changed += 1;
      }
      audit(em, SYSTEM, 'gateway_key.reencrypted', { type: 'PaymentGatewayKey', id: '*' }, { count: changed, kekId: this.secretBox.keyId });
      return changed;
    });
  }

  private applySettings(key: PaymentGatewayKey, input: GatewayKeySettings): void {
    if (input.label != null) {
      if (!input.label.trim()) throw new DomainError('INVALID_INPUT', 'label must not be empty', 'input.label');
      key.label = input.label.trim();
    }
    if (input.secretKey != null) {
      if (!isGatewayName(key.gateway)) throw new DomainError('INVALID_INPUT', `unknown gateway "${key.gateway}"`, 'input.gateway');
      const check = validateKeyForMode(key.gateway, key.mode, {
        secretKey: input.secretKey,
        ...(input.publishableKey ?? key.publishableKey ? { publishableKey: input.publishableKey ?? key.publishableKey ?? '' } : {}),
      });
      if (!check.ok) throw new DomainError('INVALID_KEY', check.message, check.reason === 'mode_not_supported' ? 'input.mode' : 'input.secretKey');
      key.secretKeyEnvelope = this.secretBox.seal(input.secretKey);
      key.secretKeyHint = secretHint(input.secretKey);
    }
    if (input.webhookSecret != null) {
      key.webhookSecretEnvelope = this.secretBox.seal(input.webhookSecret);
      key.webhookSecretHint = secretHint(input.webhookSecret);
    }
    if (input.publishableKey !== undefined) key.publishableKey = input.publishableKey;
    if (input.enabled != null) key.enabled = input.enabled;
    if (input.visibleToCustomers != null) key.visibleToCustomers = input.visibleToCustomers;
    if (input.feeFixedMinor != null) key.feeFixedMinor = nonNegativeInt(input.feeFixedMinor, 'input.feeFixedMinor', Number.MAX_SAFE_INTEGER);
    if (input.feePercentBps != null) key.feePercentBps = nonNegativeInt(input.feePercentBps, 'input.feePercentBps', 10_000);
    if (input.currencies != null) {
      if (input.currencies.length === 0) throw new DomainError('INVALID_INPUT', 'at least one currency is required', 'input.currencies');
      key.currencies = [...new Set(input.currencies.map((c, i) => assertCurrency(c, `input.currencies.${i}`)))];
    }
    if (input.minimumAmounts != null) {
      key.minimumAmounts = Object.fromEntries(
        input.minimumAmounts.map((m, i) => [assertCurrency(m.currency, `input.minimumAmounts.${i}.currency`), nonNegativeInt(m.amountMinor, `input.minimumAmounts.${i}.amountMinor`, Number.MAX_SAFE_INTEGER)]),
      );
    }
    if (input.manualCaptureAllowed != null) key.manualCaptureAllowed = input.manualCaptureAllowed;
    if (input.recurringAllowed != null) key.recurringAllowed = input.recurringAllowed;
    if (input.authorizationTtlHours != null) key.authorizationTtlHours = nonNegativeInt(input.authorizationTtlHours, 'input.authorizationTtlHours', 24 * 31);
    if (input.holdExpiryAction != null) key.holdExpiryAction = input.holdExpiryAction;
    if (!key.secretKeyEnvelope) throw new DomainError('INVALID_KEY', 'secretKey is required', 'input.secretKey');
  }
}

function nonNegativeInt(value: number, field: string, max: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new DomainError('INVALID_INPUT', `must be a whole number from 0 to ${max}`, field);
  }
  return value;
}

/** The audit trail says which settings changed, never the secret values. */
function describeChange(input: GatewayKeySettings): Record<string, unknown> {
  const { secretKey, webhookSecret, ...rest } = input;
  return { ...rest, secretKeyChanged: secretKey != null, webhookSecretChanged: webhookSecret != null };
}
