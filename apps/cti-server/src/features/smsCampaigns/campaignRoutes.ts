import {
  SMS_CAMPAIGN_BODY_BYTES,
  smsCampaignCreateSchema,
  smsCampaignIdParamsSchema,
  smsCampaignListQuerySchema,
  smsCampaignListSchema,
  smsCampaignPreviewQuerySchema,
  smsCampaignPreviewSchema,
  smsCampaignRecipientPageSchema,
  smsCampaignRecipientsQuerySchema,
  smsCampaignSchema,
} from '@omnicc/shared';
import { adminRoute, type AdminRoute } from '../admin/adminRoute.js';
import type { SmsCampaignMove, SmsCampaignService } from './campaignService.js';

const PATH = '/api/admin/sms-campaigns';
const ONE = `${PATH}/:id`;
const TAG = 'SMS campaigns';

const SUMMARIES: Record<SmsCampaignMove, string> = {
  start: 'Start a draft campaign: the routing owner sends it at its rate',
  pause: 'Pause a running campaign (takes effect within a second)',
  resume: 'Resume a paused campaign where it stopped',
  cancel: 'Cancel a campaign: recipients not yet sent are skipped',
};

/** SMS group send (短信群发) under /api/admin/sms-campaigns, checked against ADMIN_POLICY.smsCampaigns (docs/sms.md, "Group send"). */
export function smsCampaignRoutes(service: SmsCampaignService): AdminRoute[] {
  const move = (action: SmsCampaignMove) =>
    adminRoute({
      method: 'POST',
      url: `${ONE}/${action}`,
      operationId: `${action}SmsCampaign`,
      summary: SUMMARIES[action],
      tag: TAG,
      policy: { resource: 'smsCampaigns', action },
      params: smsCampaignIdParamsSchema,
      reply: smsCampaignSchema,
      status: 200,
      errors: ['INVALID_STATE'],
      handle: ({ params }) => service.move(params.id, action),
    });
  return [
    adminRoute({
      method: 'GET',
      url: PATH,
      operationId: 'listSmsCampaigns',
      summary: 'List SMS campaigns, newest first, with recipients counted by state',
      tag: TAG,
      policy: { resource: 'smsCampaigns', action: 'read' },
      query: smsCampaignListQuerySchema,
      reply: smsCampaignListSchema,
      status: 200,
      handle: ({ query }) => service.list(query),
    }),
    adminRoute({
      method: 'POST',
      url: PATH,
      operationId: 'createSmsCampaign',
      summary: 'Make a draft campaign: a template (canned response or body) and up to 100,000 recipients, de-duplicated by number',
      tag: TAG,
      policy: { resource: 'smsCampaigns', action: 'create' },
      body: smsCampaignCreateSchema,
      reply: smsCampaignSchema,
      status: 201,
      errors: ['NOT_FOUND', 'PAYLOAD_TOO_LARGE'],
      bodyLimit: SMS_CAMPAIGN_BODY_BYTES,
      handle: ({ body, principal }) => service.create(body, principal),
    }),
    adminRoute({
      method: 'GET',
      url: ONE,
      operationId: 'getSmsCampaign',
      summary: 'A campaign and where it stands: recipients by state, skipped and failed by reason',
      tag: TAG,
      policy: { resource: 'smsCampaigns', action: 'read' },
      params: smsCampaignIdParamsSchema,
      reply: smsCampaignSchema,
      status: 200,
      handle: ({ params }) => service.get(params.id),
    }),
    adminRoute({
      method: 'GET',
      url: `${ONE}/preview`,
      operationId: 'previewSmsCampaign',
      summary: 'The first messages rendered (parts, encoding), numbers skipped, and the estimated duration at the rate',
      tag: TAG,
      policy: { resource: 'smsCampaigns', action: 'read' },
      params: smsCampaignIdParamsSchema,
      query: smsCampaignPreviewQuerySchema,
      reply: smsCampaignPreviewSchema,
      status: 200,
      handle: ({ params, query }) => service.preview(params.id, query.limit),
    }),
    adminRoute({
      method: 'GET',
      url: `${ONE}/recipients`,
      operationId: 'listSmsCampaignRecipients',
      summary: 'A page of recipients in list order, each with its state, reason, part ids and last error',
      tag: TAG,
      policy: { resource: 'smsCampaigns', action: 'read' },
      params: smsCampaignIdParamsSchema,
      query: smsCampaignRecipientsQuerySchema,
      reply: smsCampaignRecipientPageSchema,
      status: 200,
      handle: ({ params, query }) => service.recipients(params.id, { ...(query.state ? { state: query.state } : {}), limit: query.limit, offset: query.offset }),
    }),
    move('start'),
    move('pause'),
    move('resume'),
    move('cancel'),
  ];
}
