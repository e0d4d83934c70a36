// Authorization matrix (issue 5, SEC-02): the visitors, room-entries and keys routes × every built-in
// role × own / other unit. How a cell's expected outcome is derived: matrix-expect.ts; the requests:
// matrix-requests.ts.
import { inArea } from './matrix-areas.ts';
import { runMatrix } from './matrix-run.ts';

runMatrix('visitors', inArea('visitors'));
