import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedResponse, CannedResponseList } from '@omnicc/shared';
import { cannedDate } from '../src/features/cannedResponses/cannedResponsePicker.js';
import { restCall } from './support/rest.js';
import { connected, type AgentSocket, type TestServer, startTestServer } from './support/testServer.js';

const PATH = '/api/admin/canned-responses';

const billChecked = {
  id: 'billChecked',
  channels: ['chat', 'email'],
  language: 'zh-CN',
  category: '账单',
  title: '账单核实',
  body: '{{customer.name}}您好，我是{{agent.name}}，账单已核实。{{date}}',
};

/**
 * Canned responses over HTTP: the admin CRUD (team leads and admins write,
 * every input checked with a coded error) and the desktop's picker, which
 * renders each body for a chat the agent holds.
 */
describe('canned responses', () => {
  let server: TestServer;
  const tokens: Record<'alice' | 'bob' | 'tina' | 'sam' | 'root', string> = { alice: '', bob: '', tina: '', sam: '', root: '' };
  const api = (who: keyof typeof tokens, method: string, path: string, body?: unknown) => restCall(server.url, method, path, tokens[who], body);

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[who] = (await server.login(who)).token;
  });
  afterAll(() => server.close());

  it('lets a team lead create, read, replace and delete one, recording who saved it', async () => {
    const created = await api('tina', 'POST', PATH, billChecked);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ ...billChecked, channels: ['email', 'chat'], enabled: true, bodyLength: billChecked.body.length, variables: ['customer.name', 'agent.name', 'date'], updatedBy: { displayName: 'Tina' } });
    expect((await api('sam', 'GET', `${PATH}/billChecked`)).json).toStrictEqual(created.json);
    const listed = await api('tina', 'GET', `${PATH}?limit=10`);
    expect(listed.json).toMatchObject({ items: [{ id: 'billChecked' }], total: 1, limit: 10, offset: 0 });

    const replaced = await api('root', 'PUT', `${PATH}/billChecked`, { channels: ['sms'], language: 'en', category: 'Billing', title: 'Bill checked', body: 'Dear {{customer.name}}, checked.', enabled: false });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json).toMatchObject({ id: 'billChecked', channels: ['sms'], language: 'en', enabled: false, updatedBy: { displayName: 'Root' } });
    expect(Date.parse((replaced.json as CannedResponse).updatedAt)).toBeGreaterThanOrEqual(Date.parse((created.json as CannedResponse).updatedAt));

    expect((await api('tina', 'DELETE', `${PATH}/billChecked`)).status).toBe(204);
    expect((await api('tina', 'GET', `${PATH}/billChecked`)).json?.error).toEqual({ code: 'NOT_FOUND', message: 'canned response billChecked not found' });
  });

  it('refuses writes by agents and supervisors, and the admin list to agents, changing nothing', async () => {
    for (const who of ['alice', 'sam'] as const) {
      const res = await api(who, 'POST', PATH, { ...billChecked, id: `by-${who}` });
      expect([who, res.status, res.json?.error?.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect((await api('alice', 'GET', PATH)).status).toBe(403);
    expect(await server.store.cannedResponses.get('by-alice')).toBeUndefined();
    await server.store.cannedResponses.create({ ...billChecked, id: 'kept', channels: ['chat'], language: 'zh-CN', enabled: true });
    expect((await api('alice', 'PUT', `${PATH}/kept`, { ...billChecked, id: undefined, title: 'x' })).status).toBe(403);
    expect((await api('alice', 'DELETE', `${PATH}/kept`)).status).toBe(403);
    expect((await server.store.cannedResponses.get('kept'))?.title).toBe('账单核实');
    await server.store.cannedResponses.delete('kept');
  });

  it('answers every bad input with a coded error that says what is wrong', async () => {
    const bad = async (method: string, path: string, body: unknown) => {
      const res = await api('tina', method, path, body);
      return `${res.status} ${res.json?.error?.code ?? ''} ${res.json?.error?.message ?? ''}`;
    };
    expect(await bad('POST', PATH, { ...billChecked, body: '{{customer.nmae}}您好 {{ticket.no}}' })).toBe(
      '400 BAD_REQUEST body: body unknown variables {{customer.nmae}}, {{ticket.no}}; the variables are {{customer.name}}, {{agent.name}}, {{ticket}}, {{interaction.id}}, {{date}}, {{mailbox.address}}',
    );
    expect(await bad('POST', PATH, { ...billChecked, body: '您好\n编号 {{ticket' })).toMatch(/^400 BAD_REQUEST body: body "\{\{" at line 2, column 4 is never closed by "\}\}"; the variables are /);
    expect(await bad('POST', PATH, { ...billChecked, body: 'x'.repeat(10_001) })).toMatch(/^400 BAD_REQUEST body: body Too big: expected string to have <=10000 characters/);
    expect(await bad('POST', PATH, { ...billChecked, channels: ['chat', 'chat'] })).toBe('400 BAD_REQUEST body: channels.1 channel chat is listed twice');
    expect(await bad('POST', PATH, { ...billChecked, channels: ['voice'] })).toMatch(/^400 BAD_REQUEST body: channels\.0 /);
    expect(await bad('POST', PATH, { ...billChecked, channels: [] })).toMatch(/^400 BAD_REQUEST body: channels /);
    expect(await bad('POST', PATH, { ...billChecked, language: 'fr' })).toMatch(/^400 BAD_REQUEST body: language /);
    expect(await bad('POST', PATH, { ...billChecked, id: '账单' })).toMatch(/^400 BAD_REQUEST body: id /);
    expect(await bad('POST', PATH, { ...billChecked, title: ' ' })).toMatch(/^400 BAD_REQUEST body: title /);
    expect(await bad('POST', PATH, { ...billChecked, team: 'a' })).toMatch(/^400 BAD_REQUEST body: /);
    expect(await bad('POST', PATH, billChecked)).toMatch(/^201 /);
    expect(await bad('POST', PATH, { ...billChecked, title: 'again' })).toBe('409 CONFLICT canned response billChecked already exists');
    const { id: _id, ...update } = billChecked;
    expect(await bad('PUT', `${PATH}/missing`, update)).toBe('404 NOT_FOUND canned response missing not found');
    expect(await bad('PUT', `${PATH}/billChecked`, { ...update, body: '{{ agent }}' })).toMatch(/^400 BAD_REQUEST body: body unknown variable \{\{agent\}\}; /);
    expect(await bad('DELETE', `${PATH}/missing`, undefined)).toBe('404 NOT_FOUND canned response missing not found');
    expect((await server.store.cannedResponses.get('billChecked'))?.body).toBe(billChecked.body);
    await server.store.cannedResponses.delete('billChecked');
  });

  describe('the picker', () => {
    let alice: AgentSocket;
    let chatId: string;
    const pick = (who: 'alice' | 'bob' | 'sam', query: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/canned-responses?${query}`, { headers: { authorization: `Bearer ${tokens[who]}`, ...headers } }).then(async (r) => ({ status: r.status, json: (await r.json()) as CannedResponseList & { error?: { code: string; message: string } } }));

    beforeAll(async () => {
      const write = (r: Omit<CannedResponse, 'bodyLength' | 'variables' | 'updatedAt' | 'updatedBy'>) => server.store.cannedResponses.create(r);
      await write({ ...billChecked, channels: ['chat', 'email'], language: 'zh-CN', enabled: true });
      await write({ id: 'closing-en', channels: ['chat', 'sms'], language: 'en', category: 'Service', title: 'Closing', body: 'Thank you, {{customer.name}}. {{agent.name}}, {{date}}', enabled: true });
      await write({ id: 'ticket-en', channels: ['chat'], language: 'en', category: 'Billing', title: 'Ticket', body: 'Your reference is {{ticket}} ({{interaction.id}}).', enabled: true });
      await write({ id: 'old-zh', channels: ['chat'], language: 'zh-CN', category: '账单', title: '旧', body: '旧的说法', enabled: false });
      await write({ id: 'mail-zh', channels: ['email'], language: 'zh-CN', category: '宽带', title: '邮件', body: '编号 {{ticket}}', enabled: true });
      alice = server.agent(tokens.alice);
      await connected(alice);
      expect(await alice.emitWithAck('agent:setStatus', { status: 'ready' })).toMatchObject({ ok: true });
      const { offer } = await server.offeredChat(alice);
      chatId = offer.interaction.id;
      expect(await alice.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    });

    it("renders each enabled chat response for the agent's chat, the asked language first", async () => {
      const res = await pick('alice', `channel=chat&interactionId=${chatId}&lang=en`);
      expect(res.status).toBe(200);
      const today = (lang: 'en' | 'zh-CN') => cannedDate(Date.now(), 'Asia/Shanghai', lang);
      const zhText = `Customer您好，我是Alice，账单已核实。${today('zh-CN')}`;
      expect(res.json).toStrictEqual({
        channel: 'chat',
        interactionId: chatId,
        items: [
          { id: 'ticket-en', language: 'en', category: 'Billing', title: 'Ticket', text: `Your reference is {{ticket}} (${chatId}).`, length: 68, missing: ['ticket'] },
          { id: 'closing-en', language: 'en', category: 'Service', title: 'Closing', text: `Thank you, Customer. Alice, ${today('en')}`, length: `Thank you, Customer. Alice, ${today('en')}`.length, missing: [] },
          { id: 'billChecked', language: 'zh-CN', category: '账单', title: '账单核实', text: zhText, length: zhText.length, missing: [] },
        ],
      });
      expect(today('zh-CN')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    });

    it('takes the language from Accept-Language when not asked, and gives raw bodies without an interaction', async () => {
      const zhFirst = await pick('alice', `channel=chat&interactionId=${chatId}`, { 'accept-language': 'zh-TW,en;q=0.8' });
      expect(zhFirst.json.items.map((i) => i.id)).toEqual(['billChecked', 'ticket-en', 'closing-en']);
      const enFirst = await pick('alice', `channel=chat&interactionId=${chatId}`, { 'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.5' });
      expect(enFirst.json.items.map((i) => i.id)).toEqual(['ticket-en', 'closing-en', 'billChecked']);
      const raw = await pick('bob', 'channel=email');
      expect(raw.json).toStrictEqual({
        channel: 'email',
        items: [
          // 宽带 (kuāndài) before 账单 (zhàngdān): Chinese categories go by pinyin.
          { id: 'mail-zh', language: 'zh-CN', category: '宽带', title: '邮件', text: '编号 {{ticket}}', length: 13, missing: ['ticket'] },
          { id: 'billChecked', language: 'zh-CN', category: '账单', title: '账单核实', text: billChecked.body, length: billChecked.body.length, missing: ['customer.name', 'agent.name', 'date'] },
        ],
      });
      expect((await pick('alice', 'channel=sms')).json.items.map((i) => i.id)).toEqual(['closing-en']);
    });

    it("keeps other agents out of the chat, lets a supervisor in, and codes every bad query", async () => {
      expect((await pick('bob', `channel=chat&interactionId=${chatId}`)).json.error).toEqual({ code: 'FORBIDDEN', message: 'not your interaction' });
      expect((await pick('sam', `channel=chat&interactionId=${chatId}`)).json.items[0]?.text).toMatch(/^Customer您好，我是Sam，/);
      const code = async (query: string) => {
        const res = await pick('alice', query);
        return `${res.status} ${res.json.error?.code ?? ''} ${res.json.error?.message ?? ''}`;
      };
      expect(await code('channel=chat&interactionId=00000000-0000-4000-8000-000000000000')).toBe('404 NOT_FOUND interaction not found');
      expect(await code(`channel=email&interactionId=${chatId}`)).toBe(`400 BAD_REQUEST query: interaction ${chatId} is a chat interaction, not email`);
      expect(await code('channel=voice')).toMatch(/^400 BAD_REQUEST query: channel /);
      expect(await code('')).toMatch(/^400 BAD_REQUEST query: channel /);
      expect(await code('channel=chat&interactionId=42')).toMatch(/^400 BAD_REQUEST query: interactionId /);
      expect(await code('channel=chat&lang=fr')).toMatch(/^400 BAD_REQUEST query: lang /);
      expect(await code('channel=chat&limit=5')).toMatch(/^400 BAD_REQUEST query: /);
      expect((await fetch(`${server.url}/api/canned-responses?channel=chat`)).status).toBe(401);
    });
  });
});
