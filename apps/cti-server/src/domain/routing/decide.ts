import type { Decision, PendingOffer, QueuedItem, RoutedAgent, RoutingCommand, RoutingEvent, RoutingPolicy, RoutingState } from './types.js';

/**
 * The routing core: a pure function of state, event and time. It never does
 * I/O; the RoutingService turns its commands into socket pushes and writes.
 *
 * First policy (the full ACD replaces it): FIFO queue; an interaction goes to
 * the eligible agent with the fewest interactions, then the longest idle.
 */
export function decide(state: RoutingState, event: RoutingEvent, now: number, policy: RoutingPolicy): Decision {
  const commands: RoutingCommand[] = [];
  const next = applyEvent(state, event, now, policy, commands);
  return { state: dispatch(expireOffers(next, now, policy, commands), now, policy, commands), commands };
}

function applyEvent(
  state: RoutingState,
  event: RoutingEvent,
  now: number,
  policy: RoutingPolicy,
  out: RoutingCommand[],
): RoutingState {
  switch (event.type) {
    case 'agentConnected': {
      const prev = state.agents[event.agentId];
      const agent: RoutedAgent = {
        id: event.agentId,
        chosen: event.chosen,
        connections: (prev?.connections ?? 0) + 1,
        holding: prev?.holding ?? event.holding,
        idleSince: prev?.idleSince ?? now,
      };
      return withAgent(state, agent);
    }
    case 'agentDisconnected': {
      const prev = state.agents[event.agentId];
      if (!prev) return state;
      const connections = Math.max(0, prev.connections - 1);
      const next = withAgent(state, { ...prev, connections });
      // Offers to an agent with no open connection could never be answered: withdraw them at once.
      return connections === 0 ? returnOffers(next, (o) => o.agentId === prev.id, 'withdrawn', now, policy, out) : next;
    }
    case 'agentChose': {
      const prev = state.agents[event.agentId];
      if (!prev) return state;
      const next = withAgent(state, { ...prev, chosen: event.chosen });
      return event.chosen === 'notReady' ? returnOffers(next, (o) => o.agentId === prev.id, 'withdrawn', now, policy, out) : next;
    }
    case 'enqueued':
      if (state.queue.some((q) => q.interactionId === event.item.interactionId)) return state;
      return { ...state, queue: insertByArrival(state.queue, { ...event.item, declinedBy: [] }) };
    case 'offerAccepted': {
      const offer = state.offers[event.offerId];
      if (!offer) return state;
      const agent = state.agents[offer.agentId];
      const offers = without(state.offers, offer.offerId);
      out.push({ type: 'endOffer', offer, reason: 'accepted' });
      if (!agent) return { ...state, offers };
      return withAgent({ ...state, offers }, { ...agent, holding: [...agent.holding, offer.interactionId] });
    }
    case 'offerRejected':
      return returnOffers(state, (o) => o.offerId === event.offerId, 'rejected', now, policy, out);
    case 'released': {
      const agent = state.agents[event.agentId];
      if (!agent) return state;
      const holding = agent.holding.filter((id) => id !== event.interactionId);
      return withAgent(state, { ...agent, holding, idleSince: holding.length === 0 ? now : agent.idleSince });
    }
    case 'abandoned': {
      const queue = state.queue.filter((q) => q.interactionId !== event.interactionId);
      const offers = Object.values(state.offers).filter((o) => o.interactionId === event.interactionId);
      for (const offer of offers) out.push({ type: 'endOffer', offer, reason: 'abandoned' });
      const rest = { ...state.offers };
      for (const offer of offers) delete rest[offer.offerId];
      return { ...state, queue, offers: rest };
    }
    case 'tick':
      return state;
  }
}

function expireOffers(state: RoutingState, now: number, policy: RoutingPolicy, out: RoutingCommand[]): RoutingState {
  return returnOffers(state, (o) => o.expiresAt <= now, 'timeout', now, policy, out);
}

/** Ends matching offers and puts their items back at their original queue position. */
function returnOffers(
  state: RoutingState,
  match: (offer: PendingOffer) => boolean,
  reason: 'rejected' | 'timeout' | 'withdrawn',
  now: number,
  policy: RoutingPolicy,
  out: RoutingCommand[],
): RoutingState {
  const ended = Object.values(state.offers).filter(match);
  if (ended.length === 0) return state;
  let queue = state.queue;
  const offers = { ...state.offers };
  for (const offer of ended) {
    delete offers[offer.offerId];
    out.push({ type: 'endOffer', offer, reason });
    // A withdrawn offer was not the agent's choice, so it does not count against them.
    const declinedBy =
      reason === 'withdrawn'
        ? offer.item.declinedBy
        : [...offer.item.declinedBy, { agentId: offer.agentId, until: now + policy.declineCooldownMs }];
    queue = insertByArrival(queue, { ...offer.item, declinedBy });
  }
  return { ...state, queue, offers };
}

function dispatch(state: RoutingState, now: number, policy: RoutingPolicy, out: RoutingCommand[]): RoutingState {
  let current = state;
  for (const item of state.queue) {
    const agent = bestAgent(current, item, now, policy);
    if (!agent) continue;
    const offer: PendingOffer = {
      offerId: policy.newOfferId(),
      interactionId: item.interactionId,
      agentId: agent.id,
      expiresAt: now + policy.offerTimeoutMs,
      item,
    };
    current = {
      ...current,
      queue: current.queue.filter((q) => q.interactionId !== item.interactionId),
      offers: { ...current.offers, [offer.offerId]: offer },
    };
    out.push({ type: 'offer', offer });
  }
  return current;
}

function bestAgent(state: RoutingState, item: QueuedItem, now: number, policy: RoutingPolicy): RoutedAgent | undefined {
  let best: { agent: RoutedAgent; load: number } | undefined;
  for (const agent of Object.values(state.agents)) {
    if (agent.chosen !== 'ready' || agent.connections === 0) continue;
    if (item.declinedBy.some((d) => d.agentId === agent.id && d.until > now)) continue;
    const load = agent.holding.length + pendingOffers(state, agent.id);
    if (load >= policy.capacity[item.channel]) continue;
    if (!best || load < best.load || (load === best.load && agent.idleSince < best.agent.idleSince)) {
      best = { agent, load };
    }
  }
  return best?.agent;
}

const pendingOffers = (state: RoutingState, agentId: string): number =>
  Object.values(state.offers).filter((o) => o.agentId === agentId).length;

/** Keeps the queue ordered by arrival so returned items regain their place. */
function insertByArrival(queue: readonly QueuedItem[], item: QueuedItem): QueuedItem[] {
  const index = queue.findIndex((q) => q.enqueuedAt > item.enqueuedAt);
  return index === -1 ? [...queue, item] : [...queue.slice(0, index), item, ...queue.slice(index)];
}

const withAgent = (state: RoutingState, agent: RoutedAgent): RoutingState => ({
  ...state,
  agents: { ...state.agents, [agent.id]: agent },
});

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
