// The equipment permissions, from the server's own catalogue: menus and create buttons follow these;
// a record's buttons follow its allowedActions.
import { EP } from '../../../../server/modules/equipment/permissions.ts';

export { EP };
