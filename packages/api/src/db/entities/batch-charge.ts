import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { BatchChargeFilter, BatchInvoiceResult } from '../../workflow-contracts/batch.js';
import { idColumn, jsonColumn, newId, timestampColumn } from './columns.js';

export type BatchChargeStatus = 'running' | 'completed';

/** One "charge all open invoices" run: its filter, and at the end its counts and per-invoice results. */
@Entity({ tableName: 'batch_charges' })
@Index({ properties: ['createdAt'] })
export class BatchCharge {
  [OptionalProps]?: 'status' | 'total' | 'charged' | 'failed' | 'skipped' | 'results' | 'createdAt' | 'finishedAt' | 'createdBy';
  @PrimaryKey(idColumn()) id: string = newId();
  @Property({ type: 'string', length: 16 }) status: BatchChargeStatus = 'running';
  @Property(jsonColumn()) filter!: BatchChargeFilter;
  @Property({ type: 'integer' }) concurrency!: number;
  @Property({ type: 'integer' }) total: number = 0;
  @Property({ type: 'integer' }) charged: number = 0;
  @Property({ type: 'integer' }) failed: number = 0;
  @Property({ type: 'integer' }) skipped: number = 0;
  @Property(jsonColumn()) results: BatchInvoiceResult[] = [];
  @Property({ type: 'string', length: 255 }) workflowId!: string;
  @Property({ type: 'string', length: 80, nullable: true }) createdBy?: string | null;
  @Property({ ...timestampColumn(), onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ ...timestampColumn(), nullable: true }) finishedAt?: Date | null;
}
