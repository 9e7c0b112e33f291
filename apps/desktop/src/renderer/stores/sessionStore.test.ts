// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSession } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import { SESSION_STORAGE_KEY, readStoredSession, useSessionStore } from './sessionStore.js';

describe('session store', () => {
  beforeEach(resetAllStores);

  it('keeps the session in sessionStorage and forgets it on sign-out', () => {
    const session = makeSession();
    useSessionStore.getState().signIn(session);
    expect(readStoredSession(sessionStorage, Date.now())).toEqual(session);
    useSessionStore.getState().signOut('sessionExpired');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(useSessionStore.getState()).toMatchObject({ session: null, notice: 'sessionExpired' });
  });

  it('discards expired or malformed stored sessions', () => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(makeSession({ expiresAt: new Date(Date.now() - 1000).toISOString() })));
    expect(readStoredSession(sessionStorage, Date.now())).toBeNull();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    sessionStorage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(readStoredSession(sessionStorage, Date.now())).toBeNull();
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'x' }));
    expect(readStoredSession(sessionStorage, Date.now())).toBeNull();
  });
});
