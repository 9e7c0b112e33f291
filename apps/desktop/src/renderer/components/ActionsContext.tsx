import { createContext, useContext } from 'react';
import type { AgentActions } from '../network/actions.js';

/** The agent's actions for the signed-in session; tests provide fakes. */
export const ActionsContext = createContext<AgentActions | null>(null);

/** The actions of the current session; components under MainScreen always have them. */
export function useActions(): AgentActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside ActionsContext');
  return actions;
}
