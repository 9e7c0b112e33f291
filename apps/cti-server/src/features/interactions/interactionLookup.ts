import { AppError, type Interaction } from '@omnicc/shared';
import type { Store } from '../../store/Store.js';

/** The stored interaction, or NOT_FOUND. */
export async function mustGetInteraction(store: Store, id: string): Promise<Interaction> {
  const i = await store.interactions.get(id);
  if (!i) throw new AppError('NOT_FOUND', 'interaction not found');
  return i;
}

/** The interaction if `agentId` holds it: NOT_FOUND for an unknown id, NOT_OWNER for someone else's. */
export async function ownedInteraction(store: Store, agentId: string, id: string): Promise<Interaction> {
  const i = await mustGetInteraction(store, id);
  if (i.agentId !== agentId) throw new AppError('NOT_OWNER', 'interaction is not yours');
  return i;
}
