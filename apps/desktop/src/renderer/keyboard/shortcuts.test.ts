// @vitest-environment jsdom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentActions } from '../network/actions.js';
import { useCallStore } from '../stores/callStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { makeInteraction, makeOffer, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import type { VoiceActions } from '../telephony/voiceController.js';
import { matchShortcut, type KeyLike } from './shortcuts.js';
import { useDeskShortcuts } from './useDeskShortcuts.js';

const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...over });

function fakeActions(): AgentActions {
  return {
    setReady: vi.fn(() => Promise.resolve()),
    setNotReady: vi.fn(() => Promise.resolve()),
    toggleReady: vi.fn(() => Promise.resolve()),
    acceptOffer: vi.fn(() => Promise.resolve()),
    rejectOffer: vi.fn(() => Promise.resolve()),
    sendMessage: vi.fn(() => Promise.resolve()),
    retryMessage: vi.fn(() => Promise.resolve()),
    typing: vi.fn(),
    markRead: vi.fn(),
    endChat: vi.fn(() => Promise.resolve()),
    wrapUp: vi.fn(() => Promise.resolve(true)),
    loadTransferTargets: vi.fn(() => Promise.resolve({ ok: true as const, value: { queues: [], agents: [] } })),
    transfer: vi.fn(() => Promise.resolve(true)),
    voiceTransfer: vi.fn(() => Promise.resolve({ ok: true as const, value: { referTo: 'sip:xfer-1@omnicc.local', expiresAt: '2025-03-01T08:01:00.000Z' } })),
    voiceConsult: vi.fn(() => Promise.resolve({ ok: true as const, value: { sipUri: 'sip:li@omnicc.local', displayName: 'Li Na' } })),
    dispose: vi.fn(),
  };
}

/** Presses a key on the window, as the agent would anywhere in the page. */
function press(init: KeyboardEventInit, target: EventTarget = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

describe('matchShortcut', () => {
  it('matches Alt shortcuts by physical key, so macOS Option letters work', () => {
    expect(matchShortcut(key({ altKey: true, code: 'KeyA', key: 'å' }))).toEqual({ type: 'acceptOldest' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyR' }))).toEqual({ type: 'rejectOldest' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyE' }))).toEqual({ type: 'endChat' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyW' }))).toEqual({ type: 'openWrapUp' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyT', key: '†' }))).toEqual({ type: 'transfer' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyS' }))).toEqual({ type: 'toggleReady' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyH' }))).toEqual({ type: 'holdCall' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyM', key: 'µ' }))).toEqual({ type: 'muteCall' });
    expect(matchShortcut(key({ altKey: true, code: 'KeyK' }))).toEqual({ type: 'keypad' });
    expect(matchShortcut(key({ altKey: true, code: 'Digit3' }))).toEqual({ type: 'switchTo', index: 2 });
    expect(matchShortcut(key({ altKey: true, code: 'Numpad9' }))).toEqual({ type: 'switchTo', index: 8 });
  });

  it('ignores other modifiers and plain letters', () => {
    expect(matchShortcut(key({ altKey: true, ctrlKey: true, code: 'KeyA' }))).toBeNull();
    expect(matchShortcut(key({ altKey: true, shiftKey: true, code: 'KeyA' }))).toBeNull();
    expect(matchShortcut(key({ code: 'KeyA', key: 'a' }))).toBeNull();
    expect(matchShortcut(key({ altKey: true, code: 'Digit0' }))).toBeNull();
  });

  it('opens help with "?" except while typing in a field', () => {
    expect(matchShortcut(key({ key: '?', shiftKey: true }))).toEqual({ type: 'help' });
    expect(matchShortcut(key({ key: '?', target: document.createElement('textarea') }))).toBeNull();
  });
});

describe('desk shortcuts', () => {
  let actions: AgentActions;
  beforeEach(() => {
    resetAllStores();
    actions = fakeActions();
    renderHook(() => useDeskShortcuts(actions));
  });
  afterEach(cleanup);

  it('Alt+A accepts and Alt+R rejects the oldest ringing offer', () => {
    useOffersStore.getState().add(makeOffer(1));
    useOffersStore.getState().add(makeOffer(2));
    const e = press({ altKey: true, code: 'KeyA', key: 'a' });
    expect(actions.acceptOffer).toHaveBeenCalledWith(uuid(101));
    expect(e.defaultPrevented).toBe(true);
    press({ altKey: true, code: 'KeyR', key: 'r' });
    expect(actions.rejectOffer).toHaveBeenCalledWith(uuid(101));
  });

  it('does nothing (and lets the key through) when no offer rings', () => {
    const e = press({ altKey: true, code: 'KeyA' });
    expect(actions.acceptOffer).not.toHaveBeenCalled();
    expect(e.defaultPrevented).toBe(false);
  });

  it('Alt+1..9 switch conversations, Alt+E ends the active chat, Alt+W opens its wrap-up', () => {
    useInteractionsStore.getState().upsert(makeInteraction(1));
    useInteractionsStore.getState().upsert(makeInteraction(2, { state: 'wrapUp' }));
    // Works from inside the composer too.
    const box = document.body.appendChild(document.createElement('textarea'));
    press({ altKey: true, code: 'Digit1' }, box);
    box.remove();
    expect(useUiStore.getState().activeId).toBe(uuid(1));
    press({ altKey: true, code: 'KeyE' });
    expect(actions.endChat).toHaveBeenCalledWith(uuid(1));
    press({ altKey: true, code: 'KeyW' });
    expect(useUiStore.getState().wrapUpFor).toBeNull(); // still assigned: nothing to wrap up
    press({ altKey: true, code: 'Digit2' });
    press({ altKey: true, code: 'KeyW' });
    expect(useUiStore.getState().wrapUpFor).toBe(uuid(2));
    press({ altKey: true, code: 'Digit9' });
    expect(useUiStore.getState().activeId).toBe(uuid(2));
  });

  it('Alt+T opens the transfer of an interaction in progress only, and the open dialog blocks the rest', () => {
    useInteractionsStore.getState().upsert(makeInteraction(1, { state: 'wrapUp' }));
    useInteractionsStore.getState().upsert(makeInteraction(2));
    useUiStore.getState().select(uuid(1));
    expect(press({ altKey: true, code: 'KeyT' }).defaultPrevented).toBe(false);
    expect(useUiStore.getState().transferFor).toBeNull();
    useUiStore.getState().select(uuid(2));
    expect(press({ altKey: true, code: 'KeyT' }).defaultPrevented).toBe(true);
    expect(useUiStore.getState().transferFor).toBe(uuid(2));
    press({ altKey: true, code: 'KeyE' });
    expect(actions.endChat).not.toHaveBeenCalled();
  });

  it('Alt+S toggles ready, "?" toggles help, and a dialog blocks the rest', () => {
    press({ altKey: true, code: 'KeyS' });
    expect(actions.toggleReady).toHaveBeenCalledTimes(1);
    press({ key: '?', shiftKey: true });
    expect(useUiStore.getState().helpOpen).toBe(true);
    press({ altKey: true, code: 'KeyS' });
    expect(actions.toggleReady).toHaveBeenCalledTimes(1);
    useOffersStore.getState().add(makeOffer(1));
    press({ altKey: true, code: 'KeyA' });
    expect(actions.acceptOffer).toHaveBeenCalledTimes(1);
  });
});

describe('call shortcuts', () => {
  afterEach(cleanup);

  it('Alt+H holds, Alt+M mutes and Alt+K opens the keypad only while a call is up', () => {
    resetAllStores();
    const voice = { toggleHold: vi.fn(() => Promise.resolve()), toggleMute: vi.fn() } as unknown as VoiceActions;
    renderHook(() => useDeskShortcuts(fakeActions(), voice));
    expect(press({ altKey: true, code: 'KeyH' }).defaultPrevented).toBe(false);
    useCallStore.getState().ringing({ callId: 'c1', offerId: null, interactionId: null, consultFor: null, number: '1', name: null });
    expect(press({ altKey: true, code: 'KeyM' }).defaultPrevented).toBe(false);
    useCallStore.getState().connected('c1', new Date().toISOString());
    press({ altKey: true, code: 'KeyH' });
    press({ altKey: true, code: 'KeyM' });
    press({ altKey: true, code: 'KeyK' });
    expect(voice.toggleHold).toHaveBeenCalledTimes(1);
    expect(voice.toggleMute).toHaveBeenCalledTimes(1);
    expect(useCallStore.getState().keypadOpen).toBe(true);
  });

  it('Alt+T opens the call bar\'s transfer picker for a live call, never the routing transfer', () => {
    resetAllStores();
    const voice = { toggleHold: vi.fn(() => Promise.resolve()), toggleMute: vi.fn() } as unknown as VoiceActions;
    renderHook(() => useDeskShortcuts(fakeActions(), voice));
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice' }));
    useUiStore.getState().select(uuid(1));
    // No call on the phone (a reload mid-call): nothing to transfer from here.
    expect(press({ altKey: true, code: 'KeyT' }).defaultPrevented).toBe(false);
    useCallStore.getState().ringing({ callId: 'c1', offerId: null, interactionId: uuid(1), consultFor: null, number: '1', name: null });
    useCallStore.getState().connected('c1', new Date().toISOString());
    expect(press({ altKey: true, code: 'KeyT' }).defaultPrevented).toBe(true);
    expect(useCallStore.getState().callPicker).toBe('transfer');
    expect(useUiStore.getState().transferFor).toBeNull();
    // The picker is a dialog: a second Alt+T does nothing more.
    expect(press({ altKey: true, code: 'KeyT' }).defaultPrevented).toBe(false);
  });
});
