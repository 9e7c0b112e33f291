import type { Channel } from '@omnicc/shared';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import type { ThreadConversation, ThreadMessage, ThreadState } from '../stores/threadStore.js';
import { errorCodeOf } from './commands.js';

/** Loads one channel's conversations over REST into its thread store. */
export interface ThreadLoader<C> {
  /** Loads unless a load is under way (that one is returned); `skip` may say the known conversation is good enough. */
  load(interactionId: string, skip?: (known: C) => boolean): Promise<void>;
  /** A push changed the thread: if a load is on its way, what it brings may predate the change, so load again after it. */
  changed(interactionId: string): boolean;
  /** Reloads every thread on the desk (after a reconnect: pushes missed meanwhile are not replayed). */
  reloadAll(): void;
  stop(): void;
}

/**
 * The shared mechanics of a channel's conversations on the desk: one load
 * at a time per interaction, a reload when a push overtook a load, threads
 * loaded as the channel's interactions land on the desk and dropped as they
 * leave.
 */
export function createThreadLoader<C extends ThreadConversation<M>, M extends ThreadMessage>(deps: {
  channel: Channel;
  store: () => ThreadState<C, M>;
  fetch: (interactionId: string) => Promise<C>;
}): ThreadLoader<C> {
  const inFlight = new Map<string, Promise<void>>();
  const changedMeanwhile = new Set<string>();
  let stopped = false;

  const fetchThread = async (interactionId: string): Promise<void> => {
    deps.store().loadStarted(interactionId);
    try {
      const conversation = await deps.fetch(interactionId);
      if (!stopped && interactionId in useInteractionsStore.getState().byId) deps.store().loaded(conversation);
    } catch (err) {
      if (!stopped) deps.store().loadFailed(interactionId, errorCodeOf(err));
    }
  };

  const load: ThreadLoader<C>['load'] = (interactionId, skip) => {
    const running = inFlight.get(interactionId);
    if (running) return running;
    const known = deps.store().threads[interactionId]?.conversation;
    if (known && skip?.(known)) return Promise.resolve();
    const started = fetchThread(interactionId).finally(() => {
      inFlight.delete(interactionId);
      if (changedMeanwhile.delete(interactionId) && !stopped) void load(interactionId);
    });
    inFlight.set(interactionId, started);
    return started;
  };

  const unsubscribe = useInteractionsStore.subscribe((s, prev) => {
    if (s.byId === prev.byId) return;
    deps.store().keepOnly(Object.keys(s.byId));
    for (const interaction of Object.values(s.byId)) {
      if (interaction.channel === deps.channel && !(interaction.id in prev.byId) && !(interaction.id in deps.store().threads)) void load(interaction.id);
    }
  });

  return {
    load,
    changed(interactionId) {
      if (!inFlight.has(interactionId)) return false;
      changedMeanwhile.add(interactionId);
      return true;
    },
    reloadAll() {
      for (const id of Object.keys(deps.store().threads)) void load(id);
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
