// One autocannon run: requests/s, p50/p99 latency, errors, and the server's peak RSS meanwhile.
import autocannon from 'autocannon';
import type { Child } from './servers.ts';

export interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  rssMb: number;
}

export interface LoadSpec {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A new path per request (e.g. a different draft inspection each time). */
  nextPath?: () => string;
  /** Headers that change per request (e.g. a different viewer's token each time). */
  nextHeaders?: () => Record<string, string>;
}

export async function load(server: Child, spec: LoadSpec, o: { connections: number; duration: number; warmup?: number }): Promise<Figures> {
  // A short unmeasured run first: JIT, connection pools and the database cache warm up.
  if (o.warmup) await load(server, spec, { ...o, duration: o.warmup, warmup: 0 });
  server.resetPeak();
  const headers = { ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers };
  const result = await autocannon({
    url: server.url,
    connections: o.connections,
    duration: o.duration,
    // Generous: on a loaded machine a slow answer should count as slow, not as an error.
    timeout: 60,
    requests: [
      {
        method: spec.method ?? 'GET',
        path: spec.path,
        headers,
        body: spec.body,
        ...(spec.nextPath || spec.nextHeaders
          ? {
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                ...(spec.nextPath ? { path: spec.nextPath() } : {}),
                ...(spec.nextHeaders ? { headers: { ...(req.headers as Record<string, string>), ...spec.nextHeaders() } } : {}),
              }),
            }
          : {}),
      },
    ],
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssMb: server.peakRss(),
  };
}
