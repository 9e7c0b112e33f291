/** Send "typing: true" at most this often while the agent keeps typing. */
export const TYPING_REPEAT_MS = 2000;
/** Send "typing: false" after this long without a keystroke. */
export const TYPING_IDLE_MS = 3000;

/**
 * Turns keystrokes into few typing notices per conversation: true at most
 * every 2 s while typing, false after 3 s idle or at once on send.
 */
export class TypingThrottle {
  private readonly state = new Map<string, { lastTrueAt: number; idle: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly emit: (interactionId: string, typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The agent typed in this conversation. */
  input(interactionId: string): void {
    const known = this.state.get(interactionId);
    const now = this.now();
    if (known) clearTimeout(known.idle);
    const due = !known || now - known.lastTrueAt >= TYPING_REPEAT_MS;
    if (due) this.emit(interactionId, true);
    this.state.set(interactionId, {
      lastTrueAt: due ? now : (known?.lastTrueAt ?? now),
      idle: setTimeout(() => this.stop(interactionId), TYPING_IDLE_MS),
    });
  }

  /** The agent sent (or left) the conversation: typing is over now. */
  stop(interactionId: string): void {
    const known = this.state.get(interactionId);
    if (!known) return;
    clearTimeout(known.idle);
    this.state.delete(interactionId);
    this.emit(interactionId, false);
  }

  dispose(): void {
    for (const { idle } of this.state.values()) clearTimeout(idle);
    this.state.clear();
  }
}
