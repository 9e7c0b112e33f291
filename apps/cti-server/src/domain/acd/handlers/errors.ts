import type { AcdError } from '../commands.js';

/** Coded refusals; the state is left as it was. */
export const bad = (message: string): AcdError => ({ code: 'BAD_REQUEST', message });
export const notFound = (what: string): AcdError => ({ code: 'NOT_FOUND', message: `unknown ${what}` });
export const notOwner = (message: string): AcdError => ({ code: 'NOT_OWNER', message });
export const invalid = (message: string): AcdError => ({ code: 'INVALID_STATE', message });
export const conflict = (message: string): AcdError => ({ code: 'CONFLICT', message });
