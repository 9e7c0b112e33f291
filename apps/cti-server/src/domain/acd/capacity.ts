import { CHANNELS, type Channel, type ChannelCapacity } from '@omnicc/shared';
import type { AgentRt } from './state.js';

/**
 * One agent's whole capacity, in integer units: lcm(1..20), so every
 * per-channel capacity the schema allows (1-20) divides it and mixed load
 * sum(count_c / cap_c) <= 1 is checked exactly as sum(count_c * U / cap_c) <= U.
 * Voice capacity is at most 1, so one call weighs all U units and excludes
 * every other channel without a special case.
 */
export const CAPACITY_UNITS = 232_792_560;

/** Units one interaction of each channel takes for this capacity; 0 when the agent takes none. */
export function channelWeights(capacity: ChannelCapacity): Record<Channel, number> {
  const weight = (n: number): number => (n > 0 ? CAPACITY_UNITS / n : 0);
  return { voice: weight(capacity.voice), chat: weight(capacity.chat), email: weight(capacity.email), sms: weight(capacity.sms) };
}

/** Whether one more interaction of `channel` fits next to the agent's current load. */
export function canFit(agent: AgentRt, channel: Channel): boolean {
  const w = agent.weights[channel];
  return w > 0 && agent.units + w <= CAPACITY_UNITS;
}

/** False when nothing fits any more: the agent is busy. */
export function hasAnyCapacity(agent: AgentRt): boolean {
  return CHANNELS.some((c) => canFit(agent, c));
}

/** Occupancy 0-100, for explanations and displays only (comparisons use units). */
export function loadPercent(units: number): number {
  return Math.round((units * 100) / CAPACITY_UNITS);
}
