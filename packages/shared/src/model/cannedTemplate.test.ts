import { describe, expect, it } from 'vitest';
import { cannedResponseCreateSchema } from '../wire/cannedResponses.js';
import { CANNED_VARIABLE_NAMES, cannedTemplateError, cannedVariables, cannedVariablesOf, renderCannedResponse, tokenizeCannedTemplate } from './cannedTemplate.js';

const context = { 'customer.name': '王五', 'agent.name': '李娜 Li Na', ticket: 'T-10001', 'interaction.id': 'i-1', date: '2025年6月1日', 'mailbox.address': 'support@omnicc.test' };

describe('canned response variables', () => {
  it('fills every known variable, in Chinese text and with white space inside the braces', () => {
    expect(renderCannedResponse('{{customer.name}}您好，您的受理编号是{{ ticket }}。\n{{\tagent.name\n}} {{date}}', context)).toStrictEqual({
      text: '王五您好，您的受理编号是T-10001。\n李娜 Li Na 2025年6月1日',
      missing: [],
    });
  });

  it('leaves a variable without a value as written and lists it once', () => {
    expect(renderCannedResponse('Dear {{customer.name}}, ref {{ ticket }} / {{ticket}}', { 'customer.name': 'Wang' })).toStrictEqual({
      text: 'Dear Wang, ref {{ ticket }} / {{ticket}}',
      missing: ['ticket'],
    });
    expect(renderCannedResponse('{{customer.name}}', { 'customer.name': '' }).missing).toEqual(['customer.name']);
  });

  it('never expands a value again: a customer named like a variable stays as named', () => {
    const rendered = renderCannedResponse('您好，{{customer.name}}！我是{{agent.name}}。', { 'customer.name': '{{agent.name}} {{ticket', 'agent.name': '李娜' });
    expect(rendered).toStrictEqual({ text: '您好，{{agent.name}} {{ticket！我是李娜。', missing: [] });
  });

  it('reports an unknown variable as missing when rendering, and never looks past the list (no prototype keys)', () => {
    expect(renderCannedResponse('{{customer.nmae}} {{constructor}} {{toString}}', context)).toStrictEqual({
      text: '{{customer.nmae}} {{constructor}} {{toString}}',
      missing: ['customer.nmae', 'constructor', 'toString'],
    });
  });

  it('keeps malformed braces as text when rendering (a stored body was checked, but rendering never throws)', () => {
    expect(renderCannedResponse('a {{ b c }} d {{ticket', context)).toStrictEqual({ text: 'a {{ b c }} d {{ticket', missing: [] });
    expect(renderCannedResponse('{single} }} {{{ticket}}}', context).text).toBe('{single} }} {{{ticket}}}');
  });

  it('splits a body into text, variables and invalid pieces with their positions', () => {
    expect(tokenizeCannedTemplate('Hi {{ customer.name }}, {{1x}} {{date')).toStrictEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'customer.name', raw: '{{ customer.name }}', index: 3 },
      { kind: 'text', text: ', ' },
      { kind: 'invalid', problem: 'notAName', raw: '{{1x}}', index: 24 },
      { kind: 'text', text: ' ' },
      { kind: 'invalid', problem: 'unterminated', raw: '{{date', index: 31 },
    ]);
    expect(tokenizeCannedTemplate('')).toEqual([]);
    expect(cannedVariablesOf('{{date}} {{ticket}} {{date}} {{nope}}')).toEqual(['date', 'ticket', 'nope']);
  });

  it('explains every problem of a body in one message, with where it is and the names allowed', () => {
    expect(cannedTemplateError('您好 {{customer.name}}，{{date}}')).toBeUndefined();
    expect(cannedTemplateError('plain text, { and } alone are fine')).toBeUndefined();
    const unknown = cannedTemplateError('{{customer.nmae}} {{agent}} {{customer.nmae}}');
    expect(unknown).toBe(`unknown variables {{customer.nmae}}, {{agent}}; the variables are ${CANNED_VARIABLE_NAMES.map((n) => `{{${n}}}`).join(', ')}`);
    expect(cannedTemplateError('您好\n编号 {{ticket')).toMatch(/^"\{\{" at line 2, column 4 is never closed by "\}\}"; the variables are \{\{customer\.name\}\}/);
    expect(cannedTemplateError('{{ ticket number }}')).toMatch(/^\{\{ ticket number \}\} at line 1, column 1 is not a variable; /);
  });

  it('describes each variable in both UI languages', () => {
    expect(cannedVariables.map((v) => v.name)).toEqual([...CANNED_VARIABLE_NAMES]);
    for (const v of cannedVariables) expect(v.description.en && v.description['zh-CN'] && v.channels.length).toBeTruthy();
  });

  it('refuses a body with an unknown variable at save time (the create schema)', () => {
    const body = { id: 'billChecked', channels: ['email', 'chat'], language: 'zh-CN', category: '账单', title: '账单核实', body: '{{customer.name}}您好' };
    expect(cannedResponseCreateSchema.safeParse(body).success).toBe(true);
    const bad = cannedResponseCreateSchema.safeParse({ ...body, body: '{{customer.nmae}}您好' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['body'], message: expect.stringContaining('unknown variable {{customer.nmae}}; the variables are {{customer.name}}') as unknown });
    expect(cannedResponseCreateSchema.safeParse({ ...body, channels: ['email', 'email'] }).error?.issues[0]?.message).toBe('channel email is listed twice');
    expect(cannedResponseCreateSchema.safeParse({ ...body, channels: ['voice'] }).success).toBe(false);
    expect(cannedResponseCreateSchema.safeParse({ ...body, body: '   ' }).error?.issues[0]?.message).toBe('must not be blank');
    expect(cannedResponseCreateSchema.safeParse({ ...body, body: 'x'.repeat(10_001) }).success).toBe(false);
  });
});
