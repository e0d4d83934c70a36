// Authorization matrix (issue 4, SEC-02): the users routes × every built-in role × own / other unit.
// How a cell's expected outcome is derived: matrix-expect.ts; the requests: matrix-requests.ts.
import { inArea } from './matrix-areas.ts';
import { runMatrix } from './matrix-run.ts';

runMatrix('users', inArea('users'));
