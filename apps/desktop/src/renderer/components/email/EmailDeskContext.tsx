import { createContext, useContext } from 'react';
import type { EmailDesk } from '../../network/emailDesk.js';

/** The signed-in connection's email work (MainScreen provides it). */
export const EmailDeskContext = createContext<EmailDesk | null>(null);

export function useEmailDesk(): EmailDesk {
  const desk = useContext(EmailDeskContext);
  if (!desk) throw new Error('useEmailDesk outside EmailDeskContext');
  return desk;
}
