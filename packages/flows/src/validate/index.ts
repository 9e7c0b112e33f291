export * from './diagnostic.js';
export { validate, validateParsed, hasErrors } from './validate.js';
export { buildGraph, compareEdges, type FlowGraph } from './graph.js';
export { stronglyConnected } from './cycles.js';
export { patternProblem, matchesPattern, MAX_PATTERN_LENGTH } from './pattern.js';
export { valueProblem } from './variables.js';
export { valueReads } from './dataflow.js';
