// The hazards module (HAZ-01 … HAZ-08): importing it registers its permissions, settings, messages,
// attachment owners, org-usage counter and reminder sweep; hazardRoutes registers the API.
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './reminders.ts';

export { hazardRoutes } from './routes.ts';
export { mayReadHazardsIn } from './policy.ts';
export { openedByInspection, openHazard } from './service.ts';
