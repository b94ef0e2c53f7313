import nodemailer, { type Transporter } from 'nodemailer';

export interface MailSettings {
  host: string;
  port: number;
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per event, so a copy sent after a crash is recognisably the same message. */
  messageId: string;
}

/** SMTP through nodemailer; one pooled transport per worker. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly settings: MailSettings) {
    this.transport = nodemailer.createTransport({ host: settings.host, port: settings.port, secure: false, ignoreTLS: settings.port !== 465 && settings.host === '127.0.0.1', pool: true, maxConnections: 2 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.settings.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
  }

  close(): void {
    this.transport.close();
  }
}
