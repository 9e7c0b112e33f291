/**
 * The SMSC simulator in a process of its own, so the bench's figures are
 * the ESME side's (our gateway and outbox), not shared with the SMSC's
 * work on one event loop. Takes `{systemId, password}` as JSON in argv[2];
 * tells its parent the port; answers `count` with how many submits it
 * accepted; `close` ends it.
 */
import { SmscSimulator } from '../../apps/cti-server/test/support/smscSimulator.js';

const credentials = JSON.parse(process.argv[2] ?? '{}') as { systemId: string; password: string };
const smsc = await SmscSimulator.start({ ...credentials, receiptDelayMs: 20 });
process.send?.({ port: smsc.port });
process.on('message', (message) => {
  if (message === 'count') process.send?.({ submits: smsc.submits.length });
  if (message === 'close') void smsc.close().then(() => process.exit(0));
});
