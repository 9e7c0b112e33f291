import { useTranslation } from 'react-i18next';
import type { Role } from '@omnicc/shared';
import { useSessionStore } from '../stores/sessionStore.js';
import { useUiStore, type Workspace } from '../stores/uiStore.js';
import { FLOWS_TEST_IDS } from './flows/flowsTestIds.js';

/** The working areas a role may open; the server checks every call again. */
export function workspacesFor(role: Role | undefined): readonly Workspace[] {
  // Work orders are every role's (the server scopes what each sees).
  return role === 'teamLead' || role === 'admin' ? ['desk', 'flows', 'workOrders'] : ['desk', 'workOrders'];
}

/** Desk / flow designer switch in the top bar, for the roles that have more than the desk. */
export function WorkspaceNav() {
  const { t } = useTranslation();
  const role = useSessionStore((s) => s.session?.user.role);
  const current = useUiStore((s) => s.workspace);
  const setWorkspace = useUiStore((s) => s.setWorkspace);
  const workspaces = workspacesFor(role);
  if (workspaces.length < 2) return null;
  return (
    <nav className="workspace-nav" aria-label={t('workspace.label')} data-testid={FLOWS_TEST_IDS.workspaceNav}>
      {workspaces.map((w) => (
        <button
          key={w}
          type="button"
          className={`workspace-nav__item${w === current ? ' is-current' : ''}`}
          aria-current={w === current ? 'page' : undefined}
          onClick={() => setWorkspace(w)}
          data-testid={`${FLOWS_TEST_IDS.workspaceTabPrefix}${w}`}
        >
          {w === 'workOrders' ? t('workOrders.title') : t(`workspace.${w}`)}
        </button>
      ))}
    </nav>
  );
}
