import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks both ways: inbound gateway events, the domain-event outbox (with a NOTIFY trigger for live
 * subscriptions and the dispatcher), partner endpoints with their deliveries and attempts, and
 * reconciliation bookkeeping.
 */
export class Migration20261124110000Webhooks extends Migration {
  override up(): void {
    this.addSql(`create table "webhook_events" ("id" uuid not null, "gateway" varchar(32) not null, "gateway_key_id" uuid not null, "event_id" varchar(255) not null, "type" varchar(32) not null, "native_type" varchar(100) not null, "gateway_reference" varchar(255) null, "refund_reference" varchar(255) null, "method_id" varchar(255) null, "amount_minor" bigint null, "currency" varchar(3) null, "failure" jsonb null, "occurred_at" timestamptz not null, "raw" jsonb not null, "status" varchar(16) not null default 'received', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" varchar(500) null, "payment_id" uuid null, "received_at" timestamptz not null, "applied_at" timestamptz null, primary key ("id"))`);
    this.addSql(`alter table "webhook_events" add constraint "webhook_events_gateway_event_id_unique" unique ("gateway", "event_id")`);
    this.addSql(`create index "webhook_events_status_next_attempt_at_index" on "webhook_events" ("status", "next_attempt_at")`);
    this.addSql(`create index "webhook_events_gateway_reference_index" on "webhook_events" ("gateway_reference")`);

    this.addSql(`create table "domain_events" ("id" uuid not null, "type" varchar(64) not null, "subject_type" varchar(32) not null, "subject_id" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "dispatched_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "domain_events_undispatched_index" on "domain_events" ("id") where "dispatched_at" is null`);
    this.addSql(`create index "domain_events_subject_index" on "domain_events" ("subject_type", "subject_id")`);
    // NOTIFY inside the writing transaction is delivered at commit only, so listeners never see a
    // rolled-back event. The payload stays small (NOTIFY caps it at 8000 bytes): listeners load the rest.
    this.addSql(`create function "payrail_notify_domain_event"() returns trigger language plpgsql as $$
begin
  perform pg_notify('payrail_live', json_build_object('topic', 'domain', 'id', new.id, 'type', new.type, 'subjectType', new.subject_type, 'subjectId', new.subject_id)::text);
  return new;
end $$`);
    this.addSql(`create trigger "domain_events_notify" after insert on "domain_events" for each row execute function "payrail_notify_domain_event"()`);

    this.addSql(`create table "partner_webhook_endpoints" ("id" uuid not null, "url" varchar(2000) not null, "description" varchar(200) null, "event_types" text[] not null, "secret_envelope" text not null, "secret_hint" varchar(8) not null, "enabled" boolean not null default true, "created_by" varchar(80) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`create table "partner_webhook_deliveries" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" varchar(64) not null, "status" varchar(16) not null default 'pending', "attempts" int not null default 0, "last_status_code" int null, "last_error" varchar(500) null, "workflow_started" boolean not null default false, "resend_of" uuid null, "delivered_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`create index "partner_webhook_deliveries_endpoint_id_created_at_index" on "partner_webhook_deliveries" ("endpoint_id", "created_at")`);
    this.addSql(`create index "partner_webhook_deliveries_status_workflow_started_index" on "partner_webhook_deliveries" ("status", "workflow_started")`);
    // One first delivery per (endpoint, event), however often the dispatcher runs; resends are extra rows.
    this.addSql(`create unique index "partner_webhook_deliveries_first_unique" on "partner_webhook_deliveries" ("endpoint_id", "event_id") where "resend_of" is null`);
    this.addSql(`alter table "partner_webhook_deliveries" add constraint "partner_webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "partner_webhook_endpoints" ("id") on delete cascade`);
    this.addSql(`alter table "partner_webhook_deliveries" add constraint "partner_webhook_deliveries_event_id_foreign" foreign key ("event_id") references "domain_events" ("id")`);
    this.addSql(`create table "partner_webhook_attempts" ("id" uuid not null, "delivery_id" uuid not null, "attempt" int not null, "status_code" int null, "latency_ms" int not null, "error" varchar(500) null, "created_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`create index "partner_webhook_attempts_delivery_id_created_at_index" on "partner_webhook_attempts" ("delivery_id", "created_at")`);
    this.addSql(`alter table "partner_webhook_attempts" add constraint "partner_webhook_attempts_delivery_id_foreign" foreign key ("delivery_id") references "partner_webhook_deliveries" ("id") on delete cascade`);

    this.addSql(`create table "payment_reconciliations" ("id" uuid not null, "payment_id" uuid not null, "state" varchar(16) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_checked_at" timestamptz null, "last_outcome" varchar(500) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`alter table "payment_reconciliations" add constraint "payment_reconciliations_payment_id_unique" unique ("payment_id")`);
    this.addSql(`create index "payment_reconciliations_state_next_attempt_at_index" on "payment_reconciliations" ("state", "next_attempt_at")`);
    this.addSql(`alter table "payment_reconciliations" add constraint "payment_reconciliations_payment_id_foreign" foreign key ("payment_id") references "payments" ("id") on delete cascade`);
  }

  override down(): void {
    this.addSql(`drop table if exists "payment_reconciliations"`);
    this.addSql(`drop table if exists "partner_webhook_attempts"`);
    this.addSql(`drop table if exists "partner_webhook_deliveries"`);
    this.addSql(`drop table if exists "partner_webhook_endpoints"`);
    this.addSql(`drop trigger if exists "domain_events_notify" on "domain_events"`);
    this.addSql(`drop function if exists "payrail_notify_domain_event"()`);
    this.addSql(`drop table if exists "domain_events"`);
    this.addSql(`drop table if exists "webhook_events"`);
  }
}
