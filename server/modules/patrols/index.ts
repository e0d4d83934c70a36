// The patrols module (PAT-01 … PAT-04): importing it registers its permissions, settings, messages,
// attachment owner, org-usage counter, sweep and dashboard tiles; patrolRoutes registers the API.
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './sweep.ts';
import './tiles.ts';

export { patrolApiRoutes } from './routes.ts';
