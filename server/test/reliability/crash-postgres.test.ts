// Crash (issue 4, DESIGN §5, AUD-01) on PostgreSQL (a fresh database of its own): SIGKILL under a
// steady write load, restart, then nothing answered is lost, the chain verifies, nothing is half
// written (crash-rounds.ts).
import { after, test } from 'node:test';
import { demoDataSet, dropCreatedDatabases, PG_URL } from './child-server.ts';
import { crashRounds } from './crash-rounds.ts';

after(dropCreatedDatabases);

test('DESIGN §5, AUD-01: PostgreSQL — SIGKILL under write load loses no answered write, the chain verifies, nothing half written', { skip: !PG_URL && 'needs TEST_DATABASE_URL' }, async (t) => {
  await crashRounds(t, await demoDataSet('crash', 'postgres'));
});
