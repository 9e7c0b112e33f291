import {
  AppError,
  cannedResponseCreateSchema,
  cannedResponseSchema,
  cannedResponseUpdateSchema,
  dictionaryEntryCreateSchema,
  dictionaryEntrySchema,
  dictionaryEntryUpdateSchema,
  queueConfigSchema,
  queueCreateSchema,
  queueUpdateSchema,
  skillCreateSchema,
  skillSchema,
  skillUpdateSchema,
  teamCreateSchema,
  teamSchema,
  teamUpdateSchema,
} from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import type { AdminRoute } from './adminRoute.js';
import { codedCrudRoutes } from './codedResource.js';

/**
 * Not-ready reasons the server sets by itself (routing sets an agent not
 * ready with "missedOffer" after missed offers): deleting one would break that.
 */
export const SYSTEM_NOT_READY_REASONS: readonly string[] = ['missedOffer'];

/** CRUD routes of queues, skills, teams, not-ready reasons, wrap-up codes and canned responses. */
export function codedResourceRoutes(store: Store): AdminRoute[] {
  return [
    ...codedCrudRoutes({
      resource: 'queues',
      path: '/api/admin/queues',
      tag: 'queues',
      noun: 'queue',
      Noun: 'Queue',
      Nouns: 'Queues',
      repo: store.queueConfigs,
      item: queueConfigSchema,
      create: queueCreateSchema,
      update: queueUpdateSchema,
      updateErrors: ['CONFLICT'],
      withKey: (id, body) => ({ id, ...body }),
    }),
    ...codedCrudRoutes({
      resource: 'skills',
      path: '/api/admin/skills',
      tag: 'skills',
      noun: 'skill',
      Noun: 'Skill',
      Nouns: 'Skills',
      repo: store.skills,
      item: skillSchema,
      create: skillCreateSchema,
      update: skillUpdateSchema,
      withKey: (code, body) => ({ code, ...body }),
    }),
    ...codedCrudRoutes({
      resource: 'teams',
      path: '/api/admin/teams',
      tag: 'teams',
      noun: 'team',
      Noun: 'Team',
      Nouns: 'Teams',
      repo: store.teams,
      item: teamSchema,
      create: teamCreateSchema,
      update: teamUpdateSchema,
      withKey: (id, body) => ({ id, ...body }),
    }),
    ...codedCrudRoutes({
      resource: 'notReadyReasons',
      path: '/api/admin/not-ready-reasons',
      tag: 'dictionaries',
      noun: 'not-ready reason',
      Noun: 'NotReadyReason',
      Nouns: 'NotReadyReasons',
      repo: store.notReadyReasons,
      item: dictionaryEntrySchema,
      create: dictionaryEntryCreateSchema,
      update: dictionaryEntryUpdateSchema,
      withKey: (code, body) => ({ code, ...body }),
      guardDelete: (code) => {
        if (SYSTEM_NOT_READY_REASONS.includes(code)) throw new AppError('CONFLICT', `not-ready reason ${code} is set by the server itself and cannot be deleted`);
      },
    }),
    ...codedCrudRoutes({
      resource: 'wrapUpCodes',
      path: '/api/admin/wrap-up-codes',
      tag: 'dictionaries',
      noun: 'wrap-up code',
      Noun: 'WrapUpCode',
      Nouns: 'WrapUpCodes',
      repo: store.dispositions,
      item: dictionaryEntrySchema,
      create: dictionaryEntryCreateSchema,
      update: dictionaryEntryUpdateSchema,
      withKey: (code, body) => ({ code, ...body }),
    }),
    ...codedCrudRoutes({
      resource: 'cannedResponses',
      path: '/api/admin/canned-responses',
      tag: 'cannedResponses',
      noun: 'canned response',
      Noun: 'CannedResponse',
      Nouns: 'CannedResponses',
      repo: store.cannedResponses,
      item: cannedResponseSchema,
      create: cannedResponseCreateSchema,
      update: cannedResponseUpdateSchema,
      withKey: (id, body) => ({ id, ...body }),
      stamp: (response, principal) => ({ ...response, updatedBy: principal.userId }),
    }),
  ];
}
