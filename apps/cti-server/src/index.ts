import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer, stopOnSignals } from './server.js';

/** Production entry: configuration from the environment, no demo data. */
const config = loadConfig();
const logger = createLogger(config.logLevel, !config.production && process.stdout.isTTY);
const server = await startServer(config, logger);
stopOnSignals(server, logger);
logger.info({ url: server.url, embeddedDatabase: server.embeddedDatabase }, 'OmniCC CTI server listening');
