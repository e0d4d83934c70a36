// Crash (issue 4, DESIGN §5, AUD-01), embedded PGlite: SIGKILL under a steady write load, restart,
// then nothing answered is lost, the chain verifies, nothing is half written (crash-rounds.ts).
import { after, test } from 'node:test';
import { demoDataSet, dropCreatedDatabases } from './child-server.ts';
import { crashRounds } from './crash-rounds.ts';

after(dropCreatedDatabases);

test('DESIGN §5, AUD-01: embedded — SIGKILL under write load loses no answered write, the chain verifies, nothing half written', async (t) => {
  await crashRounds(t, await demoDataSet('crash', 'pglite'));
});
