import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { AppError, LIMITS, type Interaction, type InteractionState } from '@omnicc/shared';
import type { EmailIngestRepository, InboundEmail, IngestInput, IngestOutcome } from '../../store/MailStore.js';
import type { NewInteraction } from '../../store/Store.js';
import { fromIso, type Tx, type Db } from './db.js';
import { emailAttachments, emailMessages, emailThreads, mailboxes } from './emailSchema.js';
import { insertInteraction } from './interactionInsert.js';
import { toInteraction } from './interactionRows.js';
import { PG, translating } from './pgErrors.js';
import { interactions } from './schema.js';

/** States in which a reply joins the interaction instead of opening a new one (docs/email.md, "Threading"). */
const JOINABLE: readonly InteractionState[] = ['queued', 'offered', 'assigned'];

export const ticketRefOf = (ticketNo: number): string => `T-${ticketNo}`;

/** The mail, its thread, its interaction and the cursor, in one transaction (see EmailIngestRepository). */
export function createEmailIngestRepo(db: Db): EmailIngestRepository {
  const ingestMany = (inputs: IngestInput[]) =>
    translating(() => db.transaction((tx) => ingestBatch(tx, inputs)), {
      [PG.foreignKeyViolation]: ['NOT_FOUND', `mailbox ${inputs[0]?.mailboxId ?? ''} or its queue is gone`],
      // Two readers of one mailbox (a failover) raced on the same mail: the other stored it.
      [PG.uniqueViolation]: ['CONFLICT', 'this mail was stored meanwhile'],
    });
  return {
    ingest: async (input) => (await ingestMany([input]))[0] ?? { kind: 'duplicate' },
    ingestMany,
  };
}

/**
 * Mails of one mailbox under one UIDVALIDITY, in UID order: the mailbox row
 * is locked once (it serializes everything written for one mailbox: two
 * nodes, a re-scan racing a sync), duplicates are looked up once for the
 * batch, and the cursor moves once, past the batch's highest UID.
 */
async function ingestBatch(tx: Tx, inputs: IngestInput[]): Promise<IngestOutcome[]> {
  const first = inputs[0];
  if (!first) return [];
  const { mailboxId, uidValidity } = first;
  if (inputs.some((i) => i.mailboxId !== mailboxId || i.uidValidity !== uidValidity)) throw new Error('one batch holds one mailbox under one UIDVALIDITY');
  const [box] = await tx.select({ queueId: mailboxes.queueId, uidValidity: mailboxes.uidValidity, lastUid: mailboxes.lastUid }).from(mailboxes).where(eq(mailboxes.id, mailboxId)).for('update');
  if (!box) throw new AppError('NOT_FOUND', `mailbox ${mailboxId} not found`);
  if (box.uidValidity !== uidValidity) throw new AppError('CONFLICT', `mailbox ${mailboxId} is being read under UIDVALIDITY ${box.uidValidity ?? 'none'}, not ${uidValidity}`);

  const stored = await tx
    .select({ messageId: emailMessages.messageId, uid: emailMessages.uid, uidValidity: emailMessages.uidValidity })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.mailboxId, mailboxId),
        or(
          inArray(
            emailMessages.messageId,
            inputs.map((i) => i.mail.messageId),
          ),
          and(
            eq(emailMessages.uidValidity, uidValidity),
            inArray(
              emailMessages.uid,
              inputs.map((i) => i.uid),
            ),
          ),
        ),
      ),
    );
  const seenIds = new Set(stored.map((r) => r.messageId));
  const seenUids = new Set(stored.filter((r) => r.uidValidity === uidValidity).map((r) => r.uid));

  const outcomes: IngestOutcome[] = [];
  for (const input of inputs) {
    // Below the cursor, or that Message-ID or UID stored before (or earlier in this batch): only the cursor moves.
    if (input.uid <= box.lastUid || seenIds.has(input.mail.messageId) || seenUids.has(input.uid)) {
      outcomes.push({ kind: 'duplicate' });
      continue;
    }
    seenIds.add(input.mail.messageId);
    seenUids.add(input.uid);
    outcomes.push(await storeNew(tx, box.queueId, input));
  }
  const highest = Math.max(...inputs.map((i) => i.uid));
  if (highest > box.lastUid) await tx.update(mailboxes).set({ lastUid: highest }).where(eq(mailboxes.id, mailboxId));
  return outcomes;
}

/** A mail not stored before: its thread, its interaction (new, joined or none) and the message. */
async function storeNew(tx: Tx, queueId: string, input: IngestInput): Promise<IngestOutcome> {
  const { mailboxId, mail } = input;
  const thread = (await findThread(tx, mailboxId, mail)) ?? (await newThread(tx, mailboxId, mail, input.receivedAt));
  const current = thread.interactionId ? await lockInteraction(tx, thread.interactionId) : undefined;
  let interaction: Interaction | undefined;
  let kind: 'created' | 'joined' | 'parked';
  if (current && JOINABLE.includes(current.state)) {
    interaction = current;
    kind = 'joined';
  } else if (!mail.automatic) {
    interaction = await insertInteraction(tx, { channel: 'email', queueId, customer: customerOf(mail) }, input.receivedAt);
    await tx.update(emailThreads).set({ interactionId: interaction.id }).where(eq(emailThreads.id, thread.id));
    kind = 'created';
  } else {
    // Automatic mail (auto-reply, bounce, list) opens nothing: stored in its thread, never routed or answered.
    kind = 'parked';
  }

  const messageId = await insertMessage(tx, input, thread.id, interaction?.id);
  const ticketRef = ticketRefOf(thread.ticketNo);
  return interaction ? { kind: kind as 'created' | 'joined', interaction, messageId, threadId: thread.id, ticketRef } : { kind: 'parked', messageId, threadId: thread.id, ticketRef };
}

interface ThreadRow {
  id: string;
  ticketNo: number;
  interactionId: string | null;
}
const threadColumns = { id: emailThreads.id, ticketNo: emailThreads.ticketNo, interactionId: emailThreads.interactionId };

/**
 * The thread a mail belongs to: the one holding a message it refers to
 * (In-Reply-To first, then References from the newest), else the one its
 * subject's ticket names, but only when the sender is that thread's
 * customer: anyone can type a ticket number, and must not join another
 * customer's conversation with it.
 */
async function findThread(tx: Tx, mailboxId: string, mail: InboundEmail): Promise<ThreadRow | undefined> {
  if (mail.references.length > 0) {
    const hits = await tx
      .select({ messageId: emailMessages.messageId, threadId: emailMessages.threadId })
      .from(emailMessages)
      .where(and(eq(emailMessages.mailboxId, mailboxId), inArray(emailMessages.messageId, mail.references)));
    const byId = new Map(hits.map((h) => [h.messageId, h.threadId]));
    const threadId = mail.references.map((r) => byId.get(r)).find((t) => t !== undefined);
    if (threadId) {
      const [row] = await tx.select(threadColumns).from(emailThreads).where(eq(emailThreads.id, threadId));
      if (row) return row;
    }
  }
  const ticketNo = mail.ticketRef ? Number(mail.ticketRef.slice(2)) : NaN;
  const sender = mail.from?.address.toLowerCase();
  if (!Number.isSafeInteger(ticketNo) || !sender) return undefined;
  const [row] = await tx
    .select({ ...threadColumns, customerAddress: emailThreads.customerAddress })
    .from(emailThreads)
    .where(and(eq(emailThreads.mailboxId, mailboxId), eq(emailThreads.ticketNo, ticketNo)))
    .orderBy(desc(emailThreads.createdAt));
  return row && row.customerAddress === sender ? row : undefined;
}

async function newThread(tx: Tx, mailboxId: string, mail: InboundEmail, at: string): Promise<ThreadRow> {
  const [row] = await tx
    .insert(emailThreads)
    .values({ mailboxId, subject: mail.subject, customerAddress: mail.from?.address.toLowerCase() ?? null, createdAt: fromIso(at) })
    .returning(threadColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

async function lockInteraction(tx: Tx, id: string): Promise<Interaction | undefined> {
  const [row] = await tx.select().from(interactions).where(eq(interactions.id, id)).for('update');
  return row && toInteraction(row);
}

function customerOf(mail: InboundEmail): NewInteraction['customer'] {
  const name = (mail.from?.name || mail.from?.address || 'unknown sender').slice(0, LIMITS.customerNameChars);
  return { name, ...(mail.from?.address ? { email: mail.from.address.toLowerCase() } : {}) };
}

async function insertMessage(tx: Tx, input: IngestInput, threadId: string, interactionId: string | undefined): Promise<string> {
  const { mail } = input;
  const [row] = await tx
    .insert(emailMessages)
    .values({
      mailboxId: input.mailboxId,
      threadId,
      interactionId: interactionId ?? null,
      direction: 'in',
      uidValidity: input.uidValidity,
      uid: input.uid,
      messageId: mail.messageId,
      messageIdSynthetic: mail.messageIdSynthetic,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references,
      subject: mail.subject,
      fromAddress: mail.from?.address ?? null,
      fromName: mail.from?.name ?? null,
      to: mail.to,
      cc: mail.cc,
      sentAt: mail.sentAt ? fromIso(mail.sentAt) : null,
      receivedAt: fromIso(input.receivedAt),
      headers: mail.headers,
      text: mail.text ?? null,
      html: mail.html ?? null,
      contentHash: mail.contentHash,
      rawSize: mail.rawSize,
      automatic: mail.automatic ?? null,
      notes: mail.notes,
    })
    .returning({ id: emailMessages.id });
  if (!row) throw new Error('insert returned no row');
  if (mail.attachments.length > 0) {
    await tx.insert(emailAttachments).values(
      mail.attachments.map((a, position) => ({
        messageId: row.id,
        position,
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        sha256: a.sha256 ?? null,
        content: a.content ?? null,
        refused: a.refused ?? null,
      })),
    );
  }
  return row.id;
}
