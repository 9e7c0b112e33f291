import { createContext, useContext } from 'react';
import type { Ringer } from './alerts/ringer.js';
import type { SystemNotifier } from './alerts/systemNotifier.js';
import type { Api } from './network/api.js';
import type { CustomersApi } from './network/customers.js';
import type { FlowsApi } from './network/flowsApi.js';
import type { AgentSocket } from './network/socket.js';
import type { Softphone } from './telephony/softphone.js';

/** The app's connections to the outside world; main.tsx builds the real ones, tests pass fakes. */
export interface Services {
  api: Api;
  /** The flow designer's calls (team leads and admins). */
  flows: FlowsApi;
  /** The customer card's calls (screen-pop, create / link, billing add-in). */
  customers: CustomersApi;
  openSocket: (getToken: () => string) => AgentSocket;
  ringer: Ringer;
  notifier: SystemNotifier;
  /** A new phone for a signed-in session (sip.js in the app, a fake in tests). */
  createSoftphone: () => Softphone;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}
