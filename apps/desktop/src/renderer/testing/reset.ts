import { resetDesk } from '../stores/desk.js';
import { useSessionStore } from '../stores/sessionStore.js';

/** Every store back to a signed-out, empty desk. */
export function resetAllStores(): void {
  resetDesk();
  useSessionStore.setState({ session: null, dictionaries: null, notice: null });
  sessionStorage.clear();
}
