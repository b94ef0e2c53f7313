import type { MikroORM } from '@mikro-orm/postgresql';
import { Notification, type NotificationChannel, type NotificationKind } from '../db/entities/notification.js';

export interface NotificationDraft {
  kind: NotificationKind;
  channel: NotificationChannel;
  dedupeKey: string;
  recipient?: string | null;
  subject: string;
  body: string;
  data?: Record<string, unknown> | null;
  paymentId?: string | null;
  scheduleId?: string | null;
}

/**
 * The notification ledger. A message is claimed (inserted once per channel and event) before it is
 * sent and marked sent after, so a retried activity that already sent skips it: never twice for the
 * same failure. (A crash between the SMTP answer and `markSent` can still resend once: the email
 * carries a Message-ID made from the key, so mail clients fold the copy.)
 */
export class NotificationsService {
  constructor(private readonly orm: MikroORM) {}

  async claim(draft: NotificationDraft): Promise<Notification> {
    const em = this.orm.em.fork();
    await em.getConnection().execute(
      `insert into "notifications" ("id", "kind", "channel", "dedupe_key", "recipient", "subject", "body", "data", "payment_id", "schedule_id", "status", "created_at")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', now()) on conflict ("channel", "dedupe_key") do nothing`,
      [
        new Notification().id,
        draft.kind,
        draft.channel,
        draft.dedupeKey,
        draft.recipient ?? null,
        draft.subject.slice(0, 300),
        draft.body,
        draft.data ? JSON.stringify(draft.data) : null,
        draft.paymentId ?? null,
        draft.scheduleId ?? null,
      ],
    );
    return em.findOneOrFail(Notification, { channel: draft.channel, dedupeKey: draft.dedupeKey });
  }

  async markSent(notificationId: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(Notification, { id: notificationId, status: 'pending' }, { status: 'sent', sentAt: new Date() });
  }

  list(filter: { paymentId?: string; scheduleId?: string; kind?: NotificationKind }): Promise<Notification[]> {
    return this.orm.em.fork().find(Notification, filter, { orderBy: { createdAt: 'asc' }, limit: 200 });
  }
}
