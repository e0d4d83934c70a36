// The hazard permissions, from the server's own catalogue (as app/permissions.ts takes the
// platform's): menus and create buttons follow these; a hazard's buttons follow its allowedActions.
import { HP } from '../../../../server/modules/hazards/permissions.ts';

export { HP };
