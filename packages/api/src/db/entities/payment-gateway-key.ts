import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, jsonColumn, moneyColumn, newId, timestampColumn } from './columns.js';

export type KeyMode = 'test' | 'live';
export type HoldExpiryAction = 'cancel' | 'capture';

/**
 * A configured gateway account. Secrets are stored only as AES-256-GCM envelopes (see domain/secret-box)
 * and are never loaded into GraphQL objects; the hints are the last four characters for recognition.
 */
@Entity({ tableName: 'payment_gateway_keys' })
@Index({ properties: ['gateway', 'enabled'] })
export class PaymentGatewayKey {
  [OptionalProps]?: 'enabled' | 'visibleToCustomers' | 'feeFixedMinor' | 'feePercentBps' | 'currencies' | 'minimumAmounts' | 'manualCaptureAllowed' | 'recurringAllowed' | 'authorizationTtlHours' | 'holdExpiryAction' | 'version' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 32 }) gateway!: string;
  @Property({ type: 'string', length: 8 }) mode!: KeyMode;
  @Property({ type: 'string', length: 120 }) label!: string;
  @Property({ type: 'string', length: 255, nullable: true }) publishableKey?: string | null;
  @Property({ type: 'text', hidden: true }) secretKeyEnvelope!: string;
  @Property({ type: 'string', length: 8 }) secretKeyHint!: string;
  @Property({ type: 'text', nullable: true, hidden: true }) webhookSecretEnvelope?: string | null;
  @Property({ type: 'string', length: 8, nullable: true }) webhookSecretHint?: string | null;
  @Property({ type: 'boolean' }) enabled: boolean = true;
  @Property({ type: 'boolean' }) visibleToCustomers: boolean = true;
  @Property(moneyColumn()) feeFixedMinor: number = 0;
  /** Percentage fee in basis points (290 = 2.90 %), so no float enters the money path. */
  @Property({ type: 'integer' }) feePercentBps: number = 0;
  /** Upper-case ISO 4217 codes this key accepts. */
  @Property({ type: 'text[]' }) currencies: string[] = [];
  /** Minimum amount per currency in minor units, e.g. { "USD": 50 }. */
  @Property(jsonColumn()) minimumAmounts: Record<string, number> = {};
  @Property({ type: 'boolean' }) manualCaptureAllowed: boolean = true;
  @Property({ type: 'boolean' }) recurringAllowed: boolean = true;
  /** How long an authorization lives at the gateway (Stripe: 7 days). */
  @Property({ type: 'integer' }) authorizationTtlHours: number = 168;
  @Property({ type: 'string', length: 16 }) holdExpiryAction: HoldExpiryAction = 'cancel';
  /** Bumped on every change so cached gateway clients are rebuilt. */
  @Property({ type: 'integer', version: true }) version: number = 1;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
