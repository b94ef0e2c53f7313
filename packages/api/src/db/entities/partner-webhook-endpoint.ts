import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { idColumn, newId, timestampColumn } from './columns.js';

/** A partner's HTTPS endpoint for signed domain events. The signing secret is stored only as an envelope. */
@Entity({ tableName: 'partner_webhook_endpoints' })
export class PartnerWebhookEndpoint {
  [OptionalProps]?: 'enabled' | 'createdAt' | 'updatedAt';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 2000 }) url!: string;
  @Property({ type: 'string', length: 200, nullable: true }) description?: string | null;
  /** Event types to send; `*` sends every type. */
  @Property({ type: 'text[]' }) eventTypes!: string[];
  @Property({ type: 'text', hidden: true }) secretEnvelope!: string;
  @Property({ type: 'string', length: 8 }) secretHint!: string;
  @Property({ type: 'boolean' }) enabled: boolean = true;
  /** The staff member or API key that registered it (`staff:<id>`, `partner:<id>`). */
  @Property({ type: 'string', length: 80 }) createdBy!: string;
  @Property(timestampColumn()) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
