// The visitors module (VIS-01 … VIS-04): visitors and the blocklist, machine-room and vault entries,
// key custody. Importing it registers permissions, settings, messages, encrypted columns, org-usage
// counters, dashboard tiles and the closing-time sweep; the three route plugins register the API.
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './visitors-closing.ts';

export { visitorRoutes } from './visitors-routes.ts';
export { roomEntryRoutes } from './rooms-routes.ts';
export { keyRoutes } from './keys-routes.ts';
