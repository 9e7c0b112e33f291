import { TIERS } from '@omnicc/shared';
import { isAvailable, slotBefore } from './agentIndex.js';
import { CAPACITY_UNITS, canFit } from './capacity.js';
import type { Before, HeapNode } from './heap.js';
import { itemBefore } from './priority.js';
import type { AcdState } from './state.js';
import { timerBefore } from './timers.js';

/**
 * The watchdog: returns every broken invariant (empty when all hold).
 * O(interactions + agents x their queues). Checks that every open
 * interaction is in exactly one place (queued in one queue, offered to one
 * agent, or assigned to one agent), that no agent is over capacity, that no
 * offer rings at an offline agent, and that the indexes (heaps, ready sets)
 * agree with the records they index.
 */
export function checkInvariants(state: AcdState): string[] {
  const problems: string[] = [];
  const places = new Map<string, string[]>();
  const at = (id: string, place: string): void => {
    const list = places.get(id);
    if (list) list.push(place);
    else places.set(id, [place]);
  };
  for (const [queueId, queue] of state.queues) {
    let count = 0;
    for (const tier of TIERS) {
      const lane = queue.lanes[tier];
      count += lane.length;
      checkHeap(lane, itemBefore, `queue ${queueId} lane ${tier}`, problems);
      for (const ix of lane) {
        at(ix.id, `queued:${queueId}`);
        if (ix.state !== 'queued' || ix.queueId !== queueId || ix.tier !== tier) problems.push(`${ix.id} in queue ${queueId} but records ${ix.state} in ${ix.queueId}`);
      }
    }
    if (count !== queue.waiting) problems.push(`queue ${queueId} counts ${queue.waiting} waiting, holds ${count}`);
    checkHeap(queue.ready, slotBefore(queue), `queue ${queueId} ready`, problems);
    for (const slot of queue.ready) {
      if (slot.queueId !== queueId || state.agents.get(slot.agent.id) !== slot.agent) problems.push(`stale slot of ${slot.agent.id} in ${queueId}`);
    }
  }
  for (const offer of state.offers.values()) {
    at(offer.interactionId, `offered:${offer.agentId}`);
    const agent = state.agents.get(offer.agentId);
    if (!agent) problems.push(`offer ${offer.offerId} to unknown agent ${offer.agentId}`);
    else if (!agent.connected) problems.push(`offer ${offer.offerId} rings at offline agent ${agent.id}`);
    else if (!agent.offers.includes(offer.offerId)) problems.push(`agent ${agent.id} does not list offer ${offer.offerId}`);
    const ix = state.interactions.get(offer.interactionId);
    if (ix?.state !== 'offered' || ix.offerId !== offer.offerId || ix.agentId !== offer.agentId) problems.push(`offer ${offer.offerId} disagrees with its interaction`);
  }
  for (const agent of state.agents.values()) {
    let units = 0;
    for (const id of agent.assigned) {
      at(id, `assigned:${agent.id}`);
      const ix = state.interactions.get(id);
      if (ix?.state !== 'assigned' || ix.agentId !== agent.id) problems.push(`agent ${agent.id} holds ${id} which records otherwise`);
      if (ix) units += agent.weights[ix.channel];
    }
    for (const id of agent.offers) {
      const offer = state.offers.get(id);
      if (!offer || offer.agentId !== agent.id) problems.push(`agent ${agent.id} lists unknown offer ${id}`);
      else units += agent.weights[offer.channel];
    }
    if (units !== agent.units) problems.push(`agent ${agent.id} load ${agent.units} units, holds ${units}`);
    if (units > CAPACITY_UNITS) problems.push(`agent ${agent.id} over capacity`);
    for (const slot of agent.slots.values()) {
      const queue = state.queues.get(slot.queueId);
      const belongs = queue !== undefined && isAvailable(agent) && canFit(agent, queue.config.channel);
      if (belongs !== slot.pos >= 0 || (slot.pos >= 0 && queue?.ready[slot.pos] !== slot)) problems.push(`agent ${agent.id} misplaced in ready heap of ${slot.queueId}`);
    }
  }
  checkHeap(state.timers, timerBefore, 'timers', problems);
  for (const [id, ix] of state.interactions) {
    if (ix.state === 'queued' && !ix.maxWaitNotified && (ix.maxWaitTimer === undefined || ix.maxWaitTimer.pos < 0)) problems.push(`${id} waits without a max-wait timer`);
    if (ix.state === 'offered' && (ix.offerTimer === undefined || ix.offerTimer.pos < 0)) problems.push(`${id} rings without an offer timer`);
    const list = places.get(id) ?? [];
    if (list.length !== 1) problems.push(`${id} (${ix.state}) is in ${list.length} places: ${list.join(', ')}`);
  }
  for (const id of places.keys()) if (!state.interactions.has(id)) problems.push(`${id} is placed but not open`);
  return problems;
}

function checkHeap<T extends HeapNode>(heap: readonly T[], before: Before<T>, name: string, problems: string[]): void {
  heap.forEach((node, i) => {
    if (node.pos !== i) problems.push(`${name}: node at ${i} records pos ${node.pos}`);
    const parent = heap[(i - 1) >> 1];
    if (i > 0 && parent && before(node, parent)) problems.push(`${name}: heap order broken at ${i}`);
  });
}
