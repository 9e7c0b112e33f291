import { render } from '@testing-library/react';
import { App } from '../App.js';
import { createI18n, type Language } from '../i18n/index.js';
import type { Services } from '../services.js';
import { FakeSocket, fakeApi, fakeNotifier, fakeRinger } from './fakes.js';
import { FakeSoftphone } from './fakeSoftphone.js';
import { fakeFlowsApi } from './fakeFlowsApi.js';
import { fakeCustomersApi } from './fakeCustomersApi.js';

/** Renders the whole app with fake services; returns them for the test to drive. */
export function renderApp(options: { language?: Language; services?: Partial<Services> } = {}) {
  const socket = new FakeSocket();
  const softphone = new FakeSoftphone();
  const services = {
    api: fakeApi(),
    flows: fakeFlowsApi(),
    customers: fakeCustomersApi(),
    openSocket: () => socket,
    ringer: fakeRinger(),
    notifier: fakeNotifier(),
    createSoftphone: () => softphone,
    ...options.services,
  };
  const i18n = createI18n(options.language ?? 'en');
  const view = render(<App services={services} i18n={i18n} />);
  return { ...view, socket, softphone, services, i18n };
}
