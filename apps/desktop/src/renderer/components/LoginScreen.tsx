import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../network/api.js';
import { useServices } from '../services.js';
import { useSessionStore } from '../stores/sessionStore.js';
import { TEST_IDS } from '../testIds.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import './LoginScreen.css';

type LoginError = 'wrongCredentials' | 'rateLimited' | 'network' | { message: string };

function describe(err: unknown): LoginError {
  if (!(err instanceof ApiError)) return { message: String(err) };
  if (err.code === 'UNAUTHENTICATED' || err.code === 'BAD_REQUEST') return 'wrongCredentials';
  if (err.code === 'RATE_LIMITED') return 'rateLimited';
  if (err.code === 'NETWORK' || err.code === 'TIMEOUT') return 'network';
  return { message: err.message };
}

/** Sign-in form. The click also unlocks audio and asks for notification permission (both need a gesture). */
export function LoginScreen() {
  const { t } = useTranslation();
  const { api, ringer, notifier } = useServices();
  const notice = useSessionStore((s) => s.notice);
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const ids = { user: useId(), pass: useId(), error: useId() };

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy || !username.trim() || !password) return;
    ringer.unlock();
    notifier.requestPermission();
    setBusy(true);
    setError(null);
    try {
      signIn(await api.login({ username: username.trim(), password }));
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  const errorText = error === null ? null : typeof error === 'string' ? t(`login.${error}`) : t('login.failed', { message: error.message });

  return (
    <div className="login">
      <header className="login__top">
        <LanguageSwitch />
      </header>
      <main className="login__main">
        <div className="login__card">
          <div className="login__brand" aria-hidden="true">
            OC
          </div>
          <h1 className="login__title">{t('app.name')}</h1>
          <p className="login__subtitle">{t('login.subtitle')}</p>
          {notice && !error ? (
            <p className="login__notice" role="status">
              {t(`login.notice.${notice}`)}
            </p>
          ) : null}
          <form className="login__form" onSubmit={(e) => void onSubmit(e)} aria-describedby={errorText ? ids.error : undefined}>
            <h2 className="omni-visually-hidden">{t('login.title')}</h2>
            <div className="omni-field">
              <label className="omni-field__label" htmlFor={ids.user}>
                {t('login.username')}
              </label>
              <input
                id={ids.user}
                className="omni-input"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                maxLength={64}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                aria-invalid={error === 'wrongCredentials' ? true : undefined}
                data-testid={TEST_IDS.loginUsername}
              />
            </div>
            <div className="omni-field">
              <label className="omni-field__label" htmlFor={ids.pass}>
                {t('login.password')}
              </label>
              <input
                id={ids.pass}
                className="omni-input"
                type="password"
                name="password"
                autoComplete="current-password"
                required
                maxLength={256}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={error === 'wrongCredentials' ? true : undefined}
                data-testid={TEST_IDS.loginPassword}
              />
            </div>
            {errorText ? (
              <p id={ids.error} className="login__error" role="alert" data-testid={TEST_IDS.loginError}>
                {errorText}
              </p>
            ) : null}
            <button type="submit" className="omni-button omni-button--primary login__submit" disabled={busy} data-testid={TEST_IDS.loginSubmit}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
