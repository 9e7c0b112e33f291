import { createTransport } from 'nodemailer';

/** An SMTP account to send through (the password already opened from its sealed form). */
export interface SmtpAccount {
  host: string;
  port: number;
  /** TLS from the first byte (465); false: plain, upgraded by STARTTLS when the server offers it. */
  tls: boolean;
  user: string;
  password: string;
}

/** Why a send failed, and whether trying again can help (a 5xx answer says it cannot). */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

/**
 * Hands one composed message to the mailbox's SMTP server (nodemailer, one
 * connection per send: replies are few, and a pool would hold a login per
 * mailbox open for nothing). The raw bytes go as they are, so a retry sends
 * exactly the same message with the same Message-ID.
 */
export async function sendRaw(account: SmtpAccount, envelope: { from: string; to: string[] }, raw: Buffer): Promise<void> {
  const transport = createTransport({
    host: account.host,
    port: account.port,
    secure: account.tls,
    auth: { user: account.user, pass: account.password },
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  try {
    await transport.sendMail({ envelope, raw });
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    throw new SmtpSendError((err as Error).message, code !== undefined && code >= 500 && code < 600);
  } finally {
    transport.close();
  }
}
