// The equipment module (EQP-01 … EQP-04): importing it registers its permissions, settings, messages,
// attachment owners, org-usage counters, dashboard tiles and sweeps; equipmentRoutes registers the API.
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './sweeps.ts';

export { equipmentRoutes } from './routes.ts';
