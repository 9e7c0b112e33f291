import { mailboxCreateSchema, mailboxSchema, mailboxUpdateSchema, pageQuerySchema, pageSchema, uuidParamsSchema } from '@omnicc/shared';
import { adminRoute, type AdminRoute } from '../admin/adminRoute.js';
import type { MailboxAdmin } from './mailboxAdmin.js';

const PATH = '/api/admin/mailboxes';
const ONE = `${PATH}/:id`;
const TAG = 'Mailboxes';

/** The mailboxes admin API: the five CRUD routes, checked against ADMIN_POLICY.mailboxes. */
export function mailboxRoutes(admin: MailboxAdmin): AdminRoute[] {
  return [
    adminRoute({
      method: 'GET',
      url: PATH,
      operationId: 'listMailboxes',
      summary: 'List mailboxes (passwords are never returned)',
      tag: TAG,
      policy: { resource: 'mailboxes', action: 'read' },
      query: pageQuerySchema,
      reply: pageSchema(mailboxSchema),
      status: 200,
      handle: async ({ query }) => ({ ...(await admin.list(query)), ...query }),
    }),
    adminRoute({
      method: 'GET',
      url: ONE,
      operationId: 'getMailbox',
      summary: 'Read one mailbox and where its reading stands',
      tag: TAG,
      policy: { resource: 'mailboxes', action: 'read' },
      params: uuidParamsSchema,
      reply: mailboxSchema,
      status: 200,
      handle: ({ params }) => admin.get(params.id),
    }),
    adminRoute({
      method: 'POST',
      url: PATH,
      operationId: 'createMailbox',
      summary: 'Add a mailbox (its passwords are stored encrypted)',
      tag: TAG,
      policy: { resource: 'mailboxes', action: 'create' },
      body: mailboxCreateSchema,
      reply: mailboxSchema,
      status: 201,
      errors: ['CONFLICT', 'NOT_FOUND'],
      handle: ({ body }) => admin.create(body),
    }),
    adminRoute({
      method: 'PUT',
      url: ONE,
      operationId: 'updateMailbox',
      summary: 'Replace a mailbox; a password left out keeps the stored one',
      tag: TAG,
      policy: { resource: 'mailboxes', action: 'update' },
      params: uuidParamsSchema,
      body: mailboxUpdateSchema,
      reply: mailboxSchema,
      status: 200,
      errors: ['CONFLICT'],
      handle: ({ params, body }) => admin.update(params.id, body),
    }),
    adminRoute({
      method: 'DELETE',
      url: ONE,
      operationId: 'deleteMailbox',
      summary: 'Delete a mailbox with no stored mail (disable one that has mail)',
      tag: TAG,
      policy: { resource: 'mailboxes', action: 'delete' },
      params: uuidParamsSchema,
      status: 204,
      handle: ({ params }) => admin.delete(params.id),
    }),
  ];
}
