// Every area of the API, in one place: platform first, then the domain modules (server/modules/*).
import type { FastifyInstance } from 'fastify';
import './platform/access/platform-permissions.ts';
import './platform/settings/security.ts';
import './platform/auth/messages.ts';
import './platform/orgs/messages.ts';
import './platform/users/messages.ts';
import './platform/users/encrypted.ts';
import './platform/access/messages.ts';
import './platform/audit/messages.ts';
import './platform/files/messages.ts';
import './platform/notify/messages.ts';
import './platform/notify/channel-config.ts';
import { apiTokenRoutes } from './platform/api-tokens/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { fileRoutes } from './platform/files/routes.ts';
import { roleRoutes } from './platform/roles/routes.ts';
import { userRoutes } from './platform/users/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { healthRoutes } from './platform/http/health.ts';
import { orgRoutes } from './platform/orgs/routes.ts';
import { settingsRoutes } from './platform/settings/routes.ts';
import { siteRoutes } from './platform/sites/routes.ts';
import { notifyRoutes } from './platform/notify/routes.ts';
import { hazardRoutes } from './modules/hazards/index.ts';
import { inspectionRoutes } from './modules/inspections/index.ts';
import { dutyRoutes } from './modules/duty/index.ts';
import { keyRoutes, roomEntryRoutes, visitorRoutes } from './modules/visitors/index.ts';
import { equipmentRoutes } from './modules/equipment/index.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { patrolApiRoutes } from './modules/patrols/index.ts';

export async function registerRoutes(app: FastifyInstance, opts: { loginRateLimit: number }) {
  await app.register(healthRoutes);
  await app.register(authRoutes, opts);
  await app.register(orgRoutes);
  await app.register(siteRoutes);
  await app.register(settingsRoutes);
  await app.register(userRoutes);
  await app.register(roleRoutes);
  await app.register(apiTokenRoutes);
  await app.register(auditRoutes);
  await app.register(fileRoutes);
  await app.register(notifyRoutes);
  // Domain modules
  await app.register(hazardRoutes);
  await app.register(inspectionRoutes);
  await app.register(dutyRoutes);
  await app.register(visitorRoutes);
  await app.register(roomEntryRoutes);
  await app.register(keyRoutes);
  await app.register(equipmentRoutes);
  await app.register(dashboardRoutes);
  await app.register(patrolApiRoutes);
}
