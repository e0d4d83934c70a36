// The duty permissions, from the server's own catalogue: menus and create buttons follow these; a
// record's buttons follow its allowedActions.
import { DP } from '../../../../server/modules/duty/permissions.ts';

export { DP };
