import { createContext, useContext } from 'react';
import type { FlowCatalog } from '@omnicc/flows';
import type { DesignerLocale, DesignerMessages } from './messages/index.js';

/** What every part of the designer reads and nobody changes while it is shown. */
export interface DesignerContextValue {
  locale: DesignerLocale;
  t: DesignerMessages;
  catalog: FlowCatalog;
  readOnly: boolean;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

/** The designer's locale, words and catalog; only inside <FlowDesigner>. */
export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error('useDesigner outside <FlowDesigner>');
  return value;
}
