/**
 * `GET /admin/v1/traffic?since=<seq>&limit=<n>`: the captured traffic log, oldest
 * first, each entry with its sequence number. Only a gateway started with traffic
 * capture has the route; elsewhere it is a 404 like any unknown admin path.
 */
import { z } from 'zod';
import type { TrafficRecorder } from '../traffic/recorder.js';
import { validate } from './http.js';
import { queryObject } from './queries.js';
import type { RouteHandler } from './routes.js';

const wholeNumber = z.string().regex(/^\d+$/, 'must be a whole number');

export const trafficQuery = z.strictObject({
  since: wholeNumber.transform(Number).optional(),
  limit: wholeNumber
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(1000, 'must be at most 1000'))
    .optional(),
});

export function trafficRoutes(traffic: TrafficRecorder | null): Record<string, RouteHandler> {
  if (!traffic) return {};
  return {
    'GET /admin/v1/traffic': (req) => {
      const q = validate(trafficQuery, queryObject(req.url ?? ''));
      return {
        status: 200,
        body: {
          lastSeq: traffic.entries.lastSeq,
          capacity: traffic.entries.capacity,
          entries: traffic.list(q.since ?? 0, q.limit ?? 500),
        },
      };
    },
    'DELETE /admin/v1/traffic': () => {
      traffic.entries.clear();
      return { status: 204 };
    },
  };
}
