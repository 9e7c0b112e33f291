import type { SmsConversation, SmsMessageView } from '@omnicc/shared';
import { createThreadStore } from './threadStore.js';

/** SMS conversations on the desk, by interaction. */
export const useSmsStore = createThreadStore<SmsConversation, SmsMessageView>();
