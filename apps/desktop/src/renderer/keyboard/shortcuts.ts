/** What a shortcut asks for; MainScreen decides what that means right now. */
export type ShortcutAction =
  | { type: 'acceptOldest' }
  | { type: 'rejectOldest' }
  | { type: 'endChat' }
  | { type: 'openWrapUp' }
  | { type: 'transfer' }
  | { type: 'toggleReady' }
  | { type: 'holdCall' }
  | { type: 'muteCall' }
  | { type: 'keypad' }
  | { type: 'cannedResponses' }
  | { type: 'flowPanel' }
  | { type: 'customerCard' }
  | { type: 'knowledge' }
  | { type: 'switchTo'; index: number }
  | { type: 'help' };

/** The fields of a KeyboardEvent the matcher reads. */
export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'> & { target?: EventTarget | null };

/**
 * Alt shortcuts match on `code` (the physical key), because on macOS
 * Option+A types "å" and on some layouts the letter moves.
 */
const ALT_CODES: Record<string, ShortcutAction> = {
  KeyA: { type: 'acceptOldest' },
  KeyR: { type: 'rejectOldest' },
  KeyE: { type: 'endChat' },
  KeyW: { type: 'openWrapUp' },
  KeyT: { type: 'transfer' },
  KeyS: { type: 'toggleReady' },
  // Calls: H(old), M(ute), K(eypad). Hanging up is Alt+E, like ending a chat.
  KeyH: { type: 'holdCall' },
  KeyM: { type: 'muteCall' },
  KeyK: { type: 'keypad' },
  // Q(uick text): the canned responses of the conversation's channel.
  KeyQ: { type: 'cannedResponses' },
  // F(low): show, focus or fold the service flow panel.
  KeyF: { type: 'flowPanel' },
  // C(ustomer): focus the customer card beside the conversation.
  KeyC: { type: 'customerCard' },
  // L(ook up): the knowledge base (Alt+K is the keypad).
  KeyL: { type: 'knowledge' },
};

/** True for text fields, where "?" is a character and not a command. */
export function isEditable(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Partial<HTMLElement>).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type !== 'checkbox');
}

/** The action of a key press, or null when it is not one of ours. */
export function matchShortcut(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.altKey) {
    if (e.shiftKey) return null;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
    if (digit) return { type: 'switchTo', index: Number(digit) - 1 };
    return ALT_CODES[e.code] ?? null;
  }
  if (e.key === '?' && !isEditable(e.target)) return { type: 'help' };
  return null;
}

/** Keys shown in the help dialog, with the i18n key of what each does. */
export const SHORTCUT_HELP = [
  { keys: ['Alt', 'A'], label: 'shortcuts.acceptOldest' },
  { keys: ['Alt', 'R'], label: 'shortcuts.rejectOldest' },
  { keys: ['Enter'], label: 'shortcuts.send' },
  { keys: ['Shift', 'Enter'], label: 'shortcuts.newline' },
  { keys: ['Alt', 'E'], label: 'shortcuts.endChat' },
  { keys: ['Alt', 'T'], label: 'shortcuts.transfer' },
  { keys: ['Alt', 'Q'], label: 'shortcuts.cannedResponses' },
  { keys: ['Alt', 'F'], label: 'flowRun.shortcut' },
  { keys: ['Alt', 'C'], label: 'customer.shortcut' },
  { keys: ['Alt', 'L'], label: 'knowledge.shortcut' },
  { keys: ['Alt', 'H'], label: 'shortcuts.holdCall' },
  { keys: ['Alt', 'M'], label: 'shortcuts.muteCall' },
  { keys: ['Alt', 'K'], label: 'shortcuts.keypad' },
  { keys: ['Alt', 'W'], label: 'shortcuts.openWrapUp' },
  { keys: ['Alt', '1…9'], label: 'shortcuts.switchConversation' },
  { keys: ['Alt', 'S'], label: 'shortcuts.toggleReady' },
  { keys: ['?'], label: 'shortcuts.help' },
  { keys: ['Esc'], label: 'shortcuts.close' },
] as const;
