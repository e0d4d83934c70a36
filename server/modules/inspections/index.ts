// The inspections module (INS-01 … INS-05): importing it registers its permissions, settings,
// messages, attachment owners, org-usage counters, the shipped-templates hook and the generation and
// reminder sweeps; inspectionRoutes registers the API.
import type { FastifyInstance } from 'fastify';
import './permissions.ts';
import './settings.ts';
import './messages.ts';
import './registrations.ts';
import './templates.ts';
import './generate.ts';
import './reminders.ts';
import { inspectionRoutes as recordRoutes } from './routes.ts';
import { inspectionSetupRoutes } from './routes-setup.ts';

export async function inspectionRoutes(app: FastifyInstance) {
  await app.register(inspectionSetupRoutes);
  await app.register(recordRoutes);
}

export { generatePlan } from './generate.ts';
export { summary as inspectionSummary } from './summary.ts';
