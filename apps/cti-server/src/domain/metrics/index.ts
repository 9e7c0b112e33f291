export * from './types.js';
export { QueueMetrics, DEFAULT_SERVICE_LEVEL, DEFAULT_SHORT_ABANDON_MS } from './queueMetrics.js';
export { AgentOccupancy, capacityFraction, type AgentWorkEvent, type AgentOccupancySnapshot, type OccupancyWindow } from './agentOccupancy.js';
export type { StatusCounts } from './agentBoard.js';
export { localDayStart, nextLocalDayStart, zoneOffsetMs } from './zonedDay.js';
