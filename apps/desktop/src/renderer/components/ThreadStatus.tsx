import { useTranslation } from 'react-i18next';
import { reasonText } from './errorText.js';

/** Where a conversation that is read over REST stands before it can be shown: loading, or failed with a retry. */
export function ThreadStatus({ error, loading, onRetry, className, testId }: { error: string | undefined; loading: string; onRetry: () => void; className: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className={className} role="status" data-testid={testId}>
      {error ? (
        <>
          {t('conversation.loadFailed', { reason: reasonText(t, error) })}
          <button type="button" className="omni-button" onClick={onRetry}>
            {t('conversation.retry')}
          </button>
        </>
      ) : (
        loading
      )}
    </div>
  );
}
