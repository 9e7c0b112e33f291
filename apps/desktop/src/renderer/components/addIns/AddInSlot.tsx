import { useEffect, useMemo, useState } from 'react';
import type { AddInSlot as SlotName } from '@omnicc/shared';
import { createHttp } from '../../network/http.js';
import { createAddInsApi, type AddInsApi, type SlotAddIn } from '../../network/addInsApi.js';
import { useSessionStore } from '../../stores/sessionStore.js';
import { AddInFrame, ADD_IN_TEST_IDS } from './AddInFrame.js';
import type { AddInSlotContext } from './addInHost.js';
import './addIns.css';

let defaultApi: AddInsApi | undefined;
const apiOf = (api?: AddInsApi): AddInsApi => api ?? (defaultApi ??= createAddInsApi(createHttp(window.location.origin)));

export interface AddInSlotProps {
  /** Which slot this is: the desk's places that host add-ins (customerCardSidebar, interactionToolbar, conversationSidePanel). */
  slot: Exclude<SlotName, 'flowAddInCall'>;
  /**
   * What add-ins here may be told, each part only to those granted its
   * capability: `interactionId` (operations are checked against it on the
   * server), `customer` (customer.read), `contacts` (customer.contact.read:
   * phones in E.164 first), `interaction` (interaction.read).
   */
  context: AddInSlotContext;
  /** The add-ins API (tests pass a fake; the app's own origin by default). */
  api?: AddInsApi;
}

/**
 * Hosts every enabled add-in with a page in `slot`, each in its own
 * sandboxed frame (AddInFrame). Renders nothing while the list loads or
 * when it cannot be read: an add-in never holds up what is around it.
 * The customer card mounts `<AddInSlot slot="customerCardSidebar" context={{ interactionId, customer, contacts }} />`.
 */
export function AddInSlot({ slot, context, api }: AddInSlotProps) {
  const client = apiOf(api);
  const [addIns, setAddIns] = useState<SlotAddIn[]>([]);
  useEffect(() => {
    let live = true;
    const token = useSessionStore.getState().session?.token ?? '';
    client.forSlot(token, slot).then(
      (list) => live && setAddIns(list),
      () => live && setAddIns([]),
    );
    return () => {
      live = false;
    };
  }, [client, slot]);
  const calls = useMemo(
    () =>
      Object.fromEntries(
        addIns.map((a) => [a.id, (operation: string, input: Record<string, string | number | boolean | null>, interactionId: string | undefined) => client.call(useSessionStore.getState().session?.token ?? '', a.id, operation, input, interactionId)]),
      ),
    [addIns, client],
  );
  if (addIns.length === 0) return null;
  return (
    <div className="add-in-slot" data-testid={ADD_IN_TEST_IDS.slot} data-slot={slot}>
      {addIns.map((a) => (
        <AddInFrame key={a.id} addIn={a} context={context} callOperation={calls[a.id]!} />
      ))}
    </div>
  );
}
