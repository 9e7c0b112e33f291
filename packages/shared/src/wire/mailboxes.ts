import { z } from 'zod';
import { idSchema } from '../model/ids.js';
import { codeSchema } from '../model/routing.js';

/**
 * REST contract of the mailboxes admin API (`/api/admin/mailboxes`): the
 * IMAP and SMTP account of each email address the contact center answers,
 * and the queue its mail goes to.
 *
 * Passwords go in and never come out: replies say only whether one is set.
 * Bodies are strict (an unknown field is BAD_REQUEST), as every admin body.
 */

/** A host name or an IP literal; no scheme, no port, no spaces. */
const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'a host name or an IP address');

/** Where one protocol of the mailbox is reached and who logs in. */
const serverFields = {
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (IMAPS 993, SMTPS 465); false: plain, upgraded with STARTTLS when offered. */
  tls: z.boolean(),
  user: z.string().min(1).max(320),
};

/** An account password as given by the admin (stored encrypted, never returned). */
export const mailPasswordSchema = z.string().min(1).max(1024);

const autoAckSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** Body of the acknowledgement; `{{ticket}}` and `{{subject}}` are filled in. */
  template: z.string().max(10_000).default(''),
});

const mailboxBody = {
  address: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  /** An email queue: every new thread of this mailbox waits there. */
  queueId: codeSchema,
  autoAck: autoAckSchema.default({ enabled: false, template: '' }),
  /** A disabled mailbox keeps its settings and sync state but is not read. */
  enabled: z.boolean().default(true),
};

/** POST body: both passwords are required. */
export const mailboxCreateSchema = z.strictObject({
  ...mailboxBody,
  imap: z.strictObject({ ...serverFields, password: mailPasswordSchema }),
  smtp: z.strictObject({ ...serverFields, password: mailPasswordSchema }),
});
export type MailboxCreate = z.infer<typeof mailboxCreateSchema>;

/** PUT body (full replace), except that a password left out keeps the stored one. */
export const mailboxUpdateSchema = z.strictObject({
  ...mailboxBody,
  imap: z.strictObject({ ...serverFields, password: mailPasswordSchema.optional() }),
  smtp: z.strictObject({ ...serverFields, password: mailPasswordSchema.optional() }),
});
export type MailboxUpdate = z.infer<typeof mailboxUpdateSchema>;

const serverReplySchema = z.object({ ...serverFields, passwordSet: z.boolean() });

/** A mailbox as the API returns it: no password, and where its IMAP reading stands. */
export const mailboxSchema = z.object({
  id: idSchema,
  address: z.string(),
  displayName: z.string(),
  queueId: z.string(),
  imap: serverReplySchema,
  smtp: serverReplySchema,
  autoAck: z.object({ enabled: z.boolean(), template: z.string() }),
  enabled: z.boolean(),
  sync: z.object({
    /** The INBOX's UIDVALIDITY last read (a 32-bit unsigned number), null before the first sync. */
    uidValidity: z.number().int().min(0).nullable(),
    /** Every message up to this UID is stored. */
    lastUid: z.number().int().min(0),
  }),
});
export type Mailbox = z.infer<typeof mailboxSchema>;
