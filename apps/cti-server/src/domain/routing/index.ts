export * from './types.js';
export { decide } from './decide.js';
