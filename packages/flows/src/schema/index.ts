export * from './variables.js';
export * from './nodes.js';
export * from './edges.js';
export * from './tests.js';
export * from './flowDocument.js';
