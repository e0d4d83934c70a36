// The authorization matrix runs in seven files (one app each, side by side, each well inside the
// runner's per-file timeout): six areas by URL, and "rest" for every other route — so a route added
// anywhere is in one of them.
import type { RouteEntry } from '../../app.ts';

export const AREAS = {
  auth: /^\/api\/v1\/(auth|roles|permissions)(\/|$)/,
  users: /^\/api\/v1\/(users|grants|api-tokens)(\/|$)/,
  orgs: /^\/api\/v1\/(orgs|sites)(\/|$)/,
  hazards: /^\/api\/v1\/(hazards|dashboard)(\/|$)/,
  inspections: /^\/api\/v1\/inspection/,
  duty: /^\/api\/v1\/(duty-rosters|duty-logs|handovers)(\/|$)/,
  visitors: /^\/api\/v1\/(visitors|room-entries|keys)(\/|$)/,
  equipment: /^\/api\/v1\/(equipment|maintenance-)/,
  patrols: /^\/api\/v1\/(patrol-routes|patrols|patrol-scan|monitoring-logs|opening-checks)(\/|$)/,
};

export const inArea = (area: keyof typeof AREAS) => (r: RouteEntry) => AREAS[area].test(r.url);
/** Every route no other area takes: audit, files, notifications, modules to come. */
export const inRest = (r: RouteEntry) => !Object.values(AREAS).some((re) => re.test(r.url));
