import { createContext, useContext } from 'react';
import type { SmsDesk } from '../../network/smsDesk.js';

/** The signed-in connection's SMS work (MainScreen provides it). */
export const SmsDeskContext = createContext<SmsDesk | null>(null);

export function useSmsDesk(): SmsDesk {
  const desk = useContext(SmsDeskContext);
  if (!desk) throw new Error('useSmsDesk outside SmsDeskContext');
  return desk;
}
