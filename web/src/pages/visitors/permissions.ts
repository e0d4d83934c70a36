// The visitors, machine-room entries and keys permissions, from the server's own catalogue: menus and
// create buttons follow these; a record's buttons follow its allowedActions.
import { KP, RP, VP } from '../../../../server/modules/visitors/permissions.ts';

export { KP, RP, VP };
