import type { FastifyRequest } from 'fastify';
import { AppError, idParamsSchema, type Interaction } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';
import { parseWith } from '../../http/errors.js';
import type { Authenticate } from '../auth/guard.js';
import type { Principal } from '../auth/tokens.js';
import { mustGetInteraction } from './interactionLookup.js';

/** Roles that may read any interaction; agents read only the ones assigned to them. */
const READ_ANY = ['teamLead', 'supervisor', 'admin'] as const;

/**
 * Authenticates the request and loads the interaction named by `:id`, if
 * the caller may read it: NOT_FOUND for an unknown id, FORBIDDEN for an
 * agent asking about someone else's interaction.
 */
export async function readableInteraction(request: FastifyRequest, deps: { store: Store; authenticate: Authenticate }): Promise<Interaction> {
  return (await readInteraction(request, deps)).interaction;
}

/** readableInteraction, with who asked. */
export async function readInteraction(request: FastifyRequest, deps: { store: Store; authenticate: Authenticate }): Promise<{ interaction: Interaction; principal: Principal }> {
  const principal = await deps.authenticate(request);
  const { id } = parseWith(idParamsSchema, request.params, 'params');
  return { interaction: await interactionReadableBy(deps.store, principal, id), principal };
}

/** The interaction `id` if `principal` may read it (the rule above), for an id that comes from elsewhere than the path. */
export async function interactionReadableBy(store: Store, principal: Principal, id: string): Promise<Interaction> {
  const interaction = await mustGetInteraction(store, id);
  const mayRead = (READ_ANY as readonly string[]).includes(principal.role) || interaction.agentId === principal.userId;
  if (!mayRead) throw new AppError('FORBIDDEN', 'not your interaction');
  return interaction;
}
