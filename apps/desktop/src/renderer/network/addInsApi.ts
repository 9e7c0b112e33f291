import { slotAddInListSchema, type AddInSlot, type SlotAddIn } from '@omnicc/shared';
import type { Http } from './http.js';

export type { SlotAddIn };

/** The desk's add-in calls: which pages a slot hosts, and an operation on the frame's behalf (the token stays here). */
export interface AddInsApi {
  forSlot(token: string, slot: AddInSlot): Promise<SlotAddIn[]>;
  call(token: string, addInId: string, operation: string, input: Record<string, string | number | boolean | null>, interactionId: string | undefined): Promise<unknown>;
}

export function createAddInsApi(http: Http): AddInsApi {
  return {
    forSlot: (token, slot) => http.call(`/api/add-ins?slot=${encodeURIComponent(slot)}`, { method: 'GET', token }, (d) => slotAddInListSchema.parse(d).items),
    call: (token, addInId, operation, input, interactionId) =>
      http.call(`/api/add-ins/${encodeURIComponent(addInId)}/call/${encodeURIComponent(operation)}`, { method: 'POST', token, body: { input, ...(interactionId === undefined ? {} : { interactionId }) } }, (d) => d),
  };
}
