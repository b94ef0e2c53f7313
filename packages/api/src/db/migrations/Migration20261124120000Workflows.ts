import { Migration } from '@mikro-orm/migrations';

/** Issue 6 (Temporal workflows): notification de-duplication and batch-charge reports. */
export class Migration20261124120000Workflows extends Migration {
  override up(): void {
    this.addSql(`create table "notifications" ("id" uuid not null, "kind" varchar(32) not null, "channel" varchar(16) not null, "dedupe_key" varchar(255) not null, "recipient" varchar(320) null, "subject" varchar(300) not null, "body" text not null, "data" jsonb null, "payment_id" uuid null, "schedule_id" uuid null, "status" varchar(16) not null default 'pending', "sent_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`alter table "notifications" add constraint "notifications_channel_dedupe_key_unique" unique ("channel", "dedupe_key")`);
    this.addSql(`create index "notifications_payment_id_index" on "notifications" ("payment_id")`);
    this.addSql(`create index "notifications_created_at_index" on "notifications" ("created_at")`);
    this.addSql(`create table "batch_charges" ("id" uuid not null, "status" varchar(16) not null default 'running', "filter" jsonb not null, "concurrency" int not null, "total" int not null default 0, "charged" int not null default 0, "failed" int not null default 0, "skipped" int not null default 0, "results" jsonb not null, "workflow_id" varchar(255) not null, "created_by" varchar(80) null, "created_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "batch_charges_created_at_index" on "batch_charges" ("created_at")`);
  }

  override down(): void {
    this.addSql(`drop table if exists "batch_charges"`);
    this.addSql(`drop table if exists "notifications"`);
  }
}
