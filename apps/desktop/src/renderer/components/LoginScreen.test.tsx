// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../network/api.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS } from '../testIds.js';
import { fakeApi } from '../testing/fakes.js';
import { makeSession } from '../testing/fixtures.js';
import { renderApp } from '../testing/renderApp.js';
import { resetAllStores } from '../testing/reset.js';

describe('LoginScreen', () => {
  beforeEach(resetAllStores);
  afterEach(cleanup);

  it('signs in, unlocking audio and asking for notifications on the click', async () => {
    const session = makeSession();
    const { services } = renderApp({ services: { api: fakeApi({ login: vi.fn(() => Promise.resolve(session)) }) } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('OmniCC Agent Desktop');
    await userEvent.type(screen.getByTestId(TEST_IDS.loginUsername), ' wang ');
    await userEvent.type(screen.getByTestId(TEST_IDS.loginPassword), 'secret{Enter}');
    expect(services.api.login).toHaveBeenCalledWith({ username: 'wang', password: 'secret' });
    expect(services.ringer.unlock).toHaveBeenCalled();
    expect(services.notifier.requestPermission).toHaveBeenCalled();
    expect(useSessionStore.getState().session).toEqual(session);
    // The desk replaced the login form.
    expect(screen.queryByTestId(TEST_IDS.loginSubmit)).toBeNull();
    expect(screen.getByRole('banner')).toBeTruthy();
  });

  it('says so when the credentials are wrong', async () => {
    renderApp({ services: { api: fakeApi({ login: vi.fn(() => Promise.reject(new ApiError('UNAUTHENTICATED', 'wrong'))) }) } });
    await userEvent.type(screen.getByTestId(TEST_IDS.loginUsername), 'wang');
    await userEvent.type(screen.getByTestId(TEST_IDS.loginPassword), 'nope');
    await userEvent.click(screen.getByTestId(TEST_IDS.loginSubmit));
    expect(screen.getByTestId(TEST_IDS.loginError).textContent).toBe('Wrong username or password.');
    expect(screen.getByTestId(TEST_IDS.loginPassword).getAttribute('aria-invalid')).toBe('true');
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('explains why the agent is back at the login screen, in the chosen language', async () => {
    useSessionStore.setState({ notice: 'sessionExpired' });
    renderApp({ language: 'zh-CN' });
    expect(screen.getByRole('status').textContent).toBe('会话已过期，请重新登录。');
    expect(screen.getByLabelText('用户名')).toBeTruthy();
    await userEvent.selectOptions(screen.getByTestId(TEST_IDS.languageSwitch), 'en');
    expect(screen.getByRole('status').textContent).toBe('Your session expired. Please sign in again.');
    expect(document.documentElement.lang).toBe('en');
    await act(async () => {});
  });
});
