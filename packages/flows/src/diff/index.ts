export { diffFlows, type FlowDiff, type ElementDiff, type ChangedElement } from './diffFlows.js';
