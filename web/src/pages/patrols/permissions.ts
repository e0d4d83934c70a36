// The patrol permissions, from the server's own catalogue: menus and create buttons follow these; a
// record's buttons follow its allowedActions.
import { PP } from '../../../../server/modules/patrols/permissions.ts';

export { PP };
