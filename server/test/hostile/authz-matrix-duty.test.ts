// Authorization matrix (issue 4, SEC-02): the duty routes × every built-in role × own / other unit.
// How a cell's expected outcome is derived: matrix-expect.ts; the requests: matrix-requests.ts.
import { inArea } from './matrix-areas.ts';
import { runMatrix } from './matrix-run.ts';

runMatrix('duty', inArea('duty'));
