/**
 * Service flows (服务流程): schema, validation, compilation to XState v5,
 * runtime, flow tests and version diffs. Pure TypeScript: no React, no
 * xyflow, no Node built-ins; the server, the designer and the agent desktop
 * all use it.
 */
export * from './schema/index.js';
export * from './catalog.js';
export * from './validate/index.js';
export * from './runtime/index.js';
export * from './expr/index.js';
export * from './examples/index.js';
export * from './compile/index.js';
export * from './testrun/index.js';
export * from './diff/index.js';
