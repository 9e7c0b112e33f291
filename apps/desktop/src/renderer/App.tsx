import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { LoginScreen } from './components/LoginScreen.js';
import { MainScreen } from './components/MainScreen.js';
import { ServicesContext, type Services } from './services.js';
import { useSessionStore } from './stores/sessionStore.js';

/** Login until there is a session, then the desk (remounted per user, so nothing carries over). */
export function App({ services, i18n }: { services: Services; i18n: I18n }) {
  const userId = useSessionStore((s) => s.session?.user.id);
  return (
    <I18nextProvider i18n={i18n}>
      <ErrorBoundary>
        <ServicesContext.Provider value={services}>{userId ? <MainScreen key={userId} /> : <LoginScreen />}</ServicesContext.Provider>
      </ErrorBoundary>
    </I18nextProvider>
  );
}
