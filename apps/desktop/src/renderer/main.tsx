import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@omnicc/ui';
import './styles/base.css';
import { App } from './App.js';
import { createWebAudioRinger } from './alerts/ringer.js';
import { createSystemNotifier } from './alerts/systemNotifier.js';
import { createI18n, detectLanguage } from './i18n/index.js';
import { createApi } from './network/api.js';
import { createCustomersApi } from './network/customers.js';
import { createFlowsApi } from './network/flowsApi.js';
import { createHttp } from './network/http.js';
import { openAgentSocket } from './network/socket.js';
import type { Services } from './services.js';
import { withDiagnostics, type VoiceDiagnostics } from './telephony/diagnostics.js';
import { SipSoftphone } from './telephony/sipSoftphone.js';

// The server serves this page, so its origin is the API's origin (REST and socket.io).
const origin = window.location.origin;

const services: Services = {
  api: createApi(origin),
  flows: createFlowsApi(createHttp(origin)),
  customers: createCustomersApi(createHttp(origin)),
  openSocket: (getToken) => openAgentSocket(origin, getToken),
  ringer: createWebAudioRinger(),
  notifier: createSystemNotifier(),
  createSoftphone: withDiagnostics(() => new SipSoftphone(), window.location.search, window as { omniccVoice?: VoiceDiagnostics }),
};

const i18n = createI18n(detectLanguage(localStorage, navigator.languages));
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <App services={services} i18n={i18n} />
  </StrictMode>,
);
