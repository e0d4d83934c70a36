// Authorization matrix (issue 4, SEC-02): every route the other matrix files do not take — audit,
// files, notifications, and any module added later — × every built-in role × own / other unit. How a cell's expected outcome is derived: matrix-expect.ts.
import { inRest } from './matrix-areas.ts';
import { runMatrix } from './matrix-run.ts';

runMatrix('rest', inRest);
