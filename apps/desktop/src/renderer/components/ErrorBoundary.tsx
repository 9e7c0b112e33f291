import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function CrashScreen() {
  const { t } = useTranslation();
  return (
    <main className="crash">
      <h1 className="crash__title">{t('app.name')}</h1>
      <p role="alert">{t('app.crashed')}</p>
      <button type="button" className="omni-button omni-button--primary" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </main>
  );
}

/**
 * Last line of defence: a render error shows a reload screen instead of a
 * blank window. The session stays in sessionStorage, so a reload resumes.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('renderer crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashScreen /> : this.props.children;
  }
}
