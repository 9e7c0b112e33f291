// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../network/api.js';
import { createActions } from '../network/actions.js';
import { useCallStore } from '../stores/callStore.js';
import { useInteractionsStore } from '../stores/interactionsStore.js';
import { useOffersStore } from '../stores/offersStore.js';
import { useUiStore } from '../stores/uiStore.js';
import { flush } from '../testing/fakes.js';
import { FakeSoftphone } from '../testing/fakeSoftphone.js';
import { makeInteraction, makeOffer, uuid } from '../testing/fixtures.js';
import { resetAllStores } from '../testing/reset.js';
import type { SoftphoneConfig } from './softphone.js';
import { CREDENTIALS_LEAD_MS, ENDED_VISIBLE_MS, INVITE_WAIT_MS, REGISTER_RETRY_MS, refusalCode, startVoice, type VoiceController } from './voiceController.js';

const NOW = Date.parse('2025-03-01T08:00:00.000Z');
const config = (expiresAt = new Date(NOW + 12 * 3600_000).toISOString()): SoftphoneConfig => ({
  wsUrl: 'ws://127.0.0.1:8088',
  uri: 'sip:wang@omnicc.local',
  authorizationUsername: '1740830400:wang',
  password: 'secret',
  expiresAt,
});
const voiceOffer = (n: number) => makeOffer(n, { interaction: { ...makeOffer(n).interaction, channel: 'voice', customer: { name: 'Li Lei', phone: '13800138000' } } });

describe('voice controller', () => {
  let phone: FakeSoftphone;
  let voice: VoiceController;
  const softphoneApi = vi.fn<(token: string) => Promise<SoftphoneConfig>>();
  const server = { voiceTransfer: vi.fn(), voiceConsult: vi.fn() };

  async function start(): Promise<void> {
    voice = startVoice({ api: { softphone: softphoneApi }, server, softphone: phone, token: () => 'token-1', now: () => NOW });
    await flush();
  }

  beforeEach(() => {
    resetAllStores();
    vi.useFakeTimers({ now: NOW });
    phone = new FakeSoftphone();
    softphoneApi.mockReset().mockResolvedValue(config());
  });
  afterEach(() => {
    voice.stop();
    vi.useRealTimers();
  });

  it('registers with the server\'s credentials and renews them before they expire', async () => {
    await start();
    expect(softphoneApi).toHaveBeenCalledWith('token-1');
    expect(phone.registeredWith).toEqual(config());
    expect(useCallStore.getState().registration).toBe('registered');
    softphoneApi.mockResolvedValue(config(new Date(NOW + 24 * 3600_000).toISOString()));
    await vi.advanceTimersByTimeAsync(12 * 3600_000 - CREDENTIALS_LEAD_MS);
    expect(phone.opsOf('register')).toHaveLength(2);
  });

  it('is calm when the server has no voice, and retries with backoff when registering fails', async () => {
    softphoneApi.mockRejectedValueOnce(new ApiError('UNAVAILABLE', 'voice is off'));
    await start();
    expect(useCallStore.getState().registration).toBe('unavailable');
    expect(phone.opsOf('register')).toHaveLength(0);
    voice.stop();

    phone.failNext('register', 'SOFTPHONE_UNAVAILABLE');
    await start();
    expect(useCallStore.getState().registration).toBe('failed');
    await vi.advanceTimersByTimeAsync(REGISTER_RETRY_MS);
    expect(useCallStore.getState().registration).toBe('registered');
  });

  it('answers a voice offer on the phone, never with offer:accept, and shows the call on the desk', async () => {
    await start();
    const offer = voiceOffer(1);
    useOffersStore.getState().add(offer);
    const send = vi.fn();
    const actions = createActions({ send, loadTranscript: vi.fn(), voice });
    const accepting = actions.acceptOffer(offer.offerId);
    // The INVITE arrives after the offer push: Accept waits for it.
    phone.ring({ callId: 'c1', offerId: offer.offerId, interactionId: offer.interaction.id, number: '13800138000', name: 'Li Lei' });
    await accepting;
    expect(phone.opsOf('answer')).toEqual([['c1']]);
    expect(send).not.toHaveBeenCalled();
    expect(useOffersStore.getState().offers).toEqual([]);

    phone.connect('c1');
    expect(useCallStore.getState().call).toMatchObject({ phase: 'connected', connectedAt: new Date(NOW).toISOString(), interactionId: offer.interaction.id });
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice' }));
    expect(useUiStore.getState().activeId).toBe(uuid(1));

    // Alt+E on the call hangs up; the server's wrap-up push then opens the dialog.
    await actions.endChat(uuid(1));
    expect(phone.opsOf('hangUp')).toEqual([['c1']]);
    phone.end('c1', 'localHangUp');
    expect(useCallStore.getState().call?.phase).toBe('ended');
    useInteractionsStore.getState().upsert(makeInteraction(1, { channel: 'voice', state: 'wrapUp' }));
    expect(useUiStore.getState().wrapUpFor).toBe(uuid(1));
    vi.advanceTimersByTime(ENDED_VISIBLE_MS);
    expect(useCallStore.getState().call).toBeNull();
  });

  it('rejects with 486 on the phone, and says so when the INVITE never came', async () => {
    await start();
    const offer = voiceOffer(2);
    useOffersStore.getState().add(offer);
    phone.ring({ callId: 'c2', offerId: offer.offerId });
    await voice.rejectOffer(offer.offerId);
    expect(phone.opsOf('reject')).toEqual([['c2']]);
    // A cancelled ring leaves nothing behind.
    phone.end('c2', 'rejected');
    expect(useCallStore.getState().call).toBeNull();

    const lost = voiceOffer(3);
    useOffersStore.getState().add(lost);
    const accepting = voice.answerOffer(lost.offerId);
    await vi.advanceTimersByTimeAsync(INVITE_WAIT_MS);
    await accepting;
    expect(useUiStore.getState().notice).toMatchObject({ action: 'accept', code: 'NO_CALL' });
    expect(useOffersStore.getState().pending).toEqual({});
  });

  it('holds, resumes, mutes and sends keys on the live call; a refused hold is reported and changes nothing', async () => {
    await start();
    phone.ring({ callId: 'c4' });
    phone.connect('c4');
    await voice.toggleHold();
    expect(useCallStore.getState().call?.phase).toBe('held');
    await voice.toggleHold();
    expect(phone.opsOf('setHold')).toEqual([['c4', true], ['c4', false]]);
    voice.toggleMute();
    expect(useCallStore.getState().call?.muted).toBe(true);
    await voice.sendDtmf('5');
    await voice.sendDtmf('#');
    expect(useCallStore.getState().dtmfSent).toBe('5#');
    phone.failNext('setHold', 'CALL_FAILED');
    await voice.toggleHold();
    expect(useCallStore.getState().call).toMatchObject({ phase: 'connected', pending: null });
    expect(useUiStore.getState().notice).toMatchObject({ action: 'hold', code: 'CALL_FAILED' });
  });

  it('reports refused outbound calls in words the agent can act on', async () => {
    await start();
    expect(await voice.dial('13900139000')).toBe(true);
    expect(useCallStore.getState().call).toMatchObject({ direction: 'outbound', phase: 'dialing', number: '13900139000' });
    phone.end('out-1', 'rejected', 503);
    expect(useUiStore.getState().notice).toMatchObject({ action: 'dial', code: 'CALL_REFUSED' });
    expect([refusalCode(486), refusalCode(404), refusalCode(undefined)]).toEqual(['CALL_BUSY', 'CALL_NOT_FOUND', 'CALL_REFUSED']);
  });
});
