export * from './ast.js';
export * from './issues.js';
export { parseExpression, type ParseResult } from './parser.js';
export * from './types.js';
export * from './functions.js';
export * from './checker.js';
export * from './evaluate.js';
export * from './interpolate.js';
