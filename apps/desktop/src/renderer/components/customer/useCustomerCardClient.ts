import { useEffect } from 'react';
import { createCustomerCardClient, startScreenPop, type CustomerCardClient } from '../../network/customerCards.js';
import type { CustomersApi } from '../../network/customers.js';
import { useServices } from '../../services.js';
import { useSessionStore } from '../../stores/sessionStore.js';

// One client per API: its in-flight reads are shared by the ringing card and the conversation's.
const clients = new WeakMap<CustomersApi, CustomerCardClient>();

/** The customer card client of this app's API, with the signed-in session's token. */
export function useCustomerCardClient(): CustomerCardClient {
  const { customers } = useServices();
  let client = clients.get(customers);
  if (!client) {
    client = createCustomerCardClient({ api: customers, token: () => useSessionStore.getState().session?.token ?? '' });
    clients.set(customers, client);
  }
  return client;
}

/** Pops the card on every offer while the desk is open (mounted once, by the ringing card's region). */
export function useScreenPop(client: CustomerCardClient): void {
  useEffect(() => startScreenPop(client), [client]);
}
