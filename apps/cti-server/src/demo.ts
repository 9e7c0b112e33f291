import path from 'node:path';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer, stopOnSignals } from './server.js';
import { DEMO_USERS, seedDemoData } from './seed/demoData.js';

/** The README start command lands here: embedded database, demo data, URLs and logins printed. */
// Voice runs when Kamailio and rtpengine are installed (the README commands install them); else it is reported unavailable.
const config = loadConfig({ LOG_LEVEL: 'warn', OMNICC_VOICE: 'auto', ...process.env });
const logger = createLogger(config.logLevel, process.stdout.isTTY);
const server = await startServer(config, logger, seedDemoData);
stopOnSignals(server, logger);

const base = server.url.replace('127.0.0.1', 'localhost');
const lines = [
  '',
  'OmniCC contact center is running',
  `  Agent desktop (web):  ${base}/`,
  `  Chat widget demo:     ${base}/demo/`,
  `  Health / metrics:     ${base}/healthz  ${base}/metrics`,
  `  Database:             ${server.embeddedDatabase ? `embedded PostgreSQL (${path.resolve(config.dataDir, 'pg')})` : 'DATABASE_URL'}`,
  `  Voice:                ${server.app.voice.enabled ? `call ${[...config.voice.numbers.keys()].join(', ')} at sip:${config.voice.sipHost}:${config.voice.ports.sip} (softphones: ${config.voice.wsUrl})` : `unavailable (${server.app.voice.status()})`}`,
  '',
  '  Demo logins (username / password, role):',
  ...DEMO_USERS.map((u) => `    ${u.username.padEnd(8)} / ${u.password.padEnd(12)} ${u.role}`),
  '',
  'Press Ctrl+C to stop.',
];
console.log(lines.join('\n'));
