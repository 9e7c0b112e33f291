import { createContext, useContext } from 'react';
import type { VoiceActions } from '../telephony/voiceController.js';

/** The softphone's actions for the signed-in session; tests provide fakes. */
export const VoiceContext = createContext<VoiceActions | null>(null);

/** The phone actions of the current session; components under MainScreen always have them. */
export function useVoice(): VoiceActions {
  const voice = useContext(VoiceContext);
  if (!voice) throw new Error('useVoice outside VoiceContext');
  return voice;
}
