// The duty module (DUT-01 … DUT-03): importing it registers its permissions, settings, messages,
// org-usage counters, sweeps and dashboard tiles; dutyRoutes registers the API.
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './sweeps.ts';
import './tiles.ts';

export { dutyRoutes } from './routes.ts';
