import type { ReactNode } from 'react';
import './EmptyState.css';

export interface EmptyStateProps {
  title: string;
  hint?: string | undefined;
  children?: ReactNode;
  testId?: string | undefined;
}

/** What a panel shows when there is nothing in it yet, and what would fill it. */
export function EmptyState({ title, hint, children, testId }: EmptyStateProps) {
  return (
    <div className="omni-empty" data-testid={testId}>
      <p className="omni-empty__title">{title}</p>
      {hint ? <p className="omni-empty__hint">{hint}</p> : null}
      {children}
    </div>
  );
}
