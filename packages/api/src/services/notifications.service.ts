import type { MikroORM } from '@mikro-orm/postgresql';
import { Notification, type NotificationChannel, type NotificationKind } from '../db/entities/notification.js';
import { recordDomainEvent, type DomainEventSubject } from '../events/domain-events.js';

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

  /**
   * Writes a partner-facing domain event to the outbox (issue 5) once per notification key: the event and
   * the `sent` mark commit together, so a retried activity can neither lose nor duplicate it.
   */
  async emitPartnerEventOnce(draft: NotificationDraft, type: string, subject: DomainEventSubject): Promise<'sent' | 'already_sent'> {
    const row = await this.claim({ ...draft, channel: 'partner_event' });
    if (row.status === 'sent') return 'already_sent';
    return this.orm.em.fork().transactional(async (em) => {
      const marked = await em.nativeUpdate(Notification, { id: row.id, status: 'pending' }, { status: 'sent', sentAt: new Date() });
      if (marked === 0) return 'already_sent';
      recordDomainEvent(em, type, subject);
      return 'sent';
    });
  }

  async markSent(notificationId: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(Notification, { id: notificationId, status: 'pending' }, { status: 'sent', sentAt: new Date() });
  }

  list(filter: { paymentId?: string; scheduleId?: string; kind?: NotificationKind }): Promise<Notification[]> {
    return this.orm.em.fork().find(Notification, filter, { orderBy: { createdAt: 'asc' }, limit: 200 });
  }
}
