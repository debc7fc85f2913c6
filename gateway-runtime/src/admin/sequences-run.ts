/**
 * `POST /admin/v1/sequences/run`: the studio's "try" panel. Runs a sequence document
 * (validated by the bundle's schema, JSONata syntax included) against a sample
 * request, deploying nothing, and answers the response it produced, a trace with the
 * variables after every step, and the final variables. `send` forwards to the
 * production endpoint of `apiId` in the current deployment, when given.
 */
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { httpMethods } from '../model/bundle.js';
import { formatPath } from '../model/parse.js';
import { sequenceSchema } from '../model/sequences.js';
import type { DeploymentControl } from '../runtime/control.js';
import { messageOf } from '../sequences/body.js';
import { checkSequenceExpressions } from '../sequences/check.js';
import { runSequence, type RunResult } from '../sequences/engine.js';
import { asResponse, queryRecord } from '../sequences/pipeline.js';
import type { HeaderMap, RunHost, SendTarget } from '../sequences/types.js';
import { readBody, validate } from './http.js';
import type { RouteHandler } from './routes.js';

/** What the run route needs from the gateway. */
export interface SequenceRunServices {
  control: DeploymentControl;
  /** The gateway's HTTP client for `call` and `send`. */
  dispatcher?: Dispatcher;
  logger?: Logger;
}

const runBody = z.strictObject({
  sequence: sequenceSchema,
  request: z.strictObject({
    method: z.enum(httpMethods, { error: `must be one of ${httpMethods.join(', ')}` }),
    path: z.string().startsWith('/', 'must be a path starting with "/" (e.g. /pets/1)'),
    query: z.record(z.string(), z.string()).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Text is sent as it is; anything else as JSON. */
    body: z.unknown().optional(),
  }),
  apiId: z.string().min(1, 'must be a non-empty API id').optional(),
});

type RunBody = z.infer<typeof runBody>;

/** The sample request as the raw bytes and headers a client would have sent. */
function sampleRequest(request: RunBody['request']): { headers: HeaderMap; raw: Buffer } {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(request.headers ?? {}))
    headers[name.toLowerCase()] = value;
  const body = request.body;
  if (body === undefined || body === null) return { headers, raw: Buffer.alloc(0) };
  if (typeof body === 'string') return { headers, raw: Buffer.from(body, 'utf8') };
  headers['content-type'] ??= 'application/json';
  return { headers, raw: Buffer.from(JSON.stringify(body), 'utf8') };
}

/** Where `send` goes: the API's production HTTP endpoint, or why it cannot. */
function sendTargetOf(
  s: SequenceRunServices,
  input: RunBody,
  query: string,
): { target: SendTarget | null; reason: string; pathParams: Record<string, string> } {
  if (!input.apiId)
    return { target: null, reason: 'pass "apiId" to forward to an API', pathParams: {} };
  const api = s.control.current()?.apis.get(input.apiId);
  if (!api) throw new GatewayError('ADMIN_NOT_FOUND', `No API ${input.apiId} is deployed`);
  const found = api.router?.find(input.request.method, input.request.path);
  const pathParams = (found?.params ?? {}) as Record<string, string>;
  const endpoint = api.endpoints.production;
  if (endpoint?.type !== 'http') {
    const kind = endpoint ? `a ${endpoint.type}` : 'missing';
    return {
      target: null,
      reason: `API ${input.apiId}'s production endpoint is ${kind}, not an HTTP endpoint`,
      pathParams,
    };
  }
  return {
    target: {
      origin: endpoint.origin,
      basePath: endpoint.basePath,
      timeoutMs: endpoint.timeoutMs,
      query,
    },
    reason: '',
    pathParams,
  };
}

/** The response a run produced, as the endpoint reports it. */
function responseOf(result: RunResult): { status: number; headers: HeaderMap; body: unknown } {
  if (result.outcome === 'faulted') {
    const { status, headers, body } = result.fault;
    return { status, headers, body };
  }
  const out = asResponse(result.message);
  return { status: out.status ?? 200, headers: out.headers, body: out.body ?? null };
}

/** The route, as `METHOD path` → handler for the admin route table. */
export function sequenceRoutes(s: SequenceRunServices): Record<string, RouteHandler> {
  return {
    'POST /admin/v1/sequences/run': async (req) => {
      const input = validate(runBody, await readBody(req));
      const issues = checkSequenceExpressions(input.sequence).map((issue) => ({
        path: formatPath(['sequence', ...issue.path]),
        message: issue.message,
      }));
      if (issues.length > 0)
        throw new GatewayError(
          'ADMIN_BAD_REQUEST',
          issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          undefined,
          issues,
        );
      const search = new URLSearchParams(input.request.query ?? {}).toString();
      const query = search ? `?${search}` : '';
      const send = sendTargetOf(s, input, query);
      const { headers, raw } = sampleRequest(input.request);
      const message = messageOf(null, headers, raw);
      const host: RunHost = {
        dispatcher: s.dispatcher ?? getGlobalDispatcher(),
        logger: s.logger ?? silentLogger,
        sendTarget: send.target,
        sendUnavailable: send.reason,
        detailed: true,
      };
      const result = await runSequence(
        input.sequence,
        {
          request: {
            method: input.request.method,
            path: input.request.path,
            pathParams: send.pathParams,
            query: queryRecord(query),
            headers: { ...headers },
            body: message.body,
          },
          message,
        },
        host,
      );
      const response = responseOf(result);
      return {
        status: 200,
        body: { response, trace: result.trace, variables: result.variables },
      };
    },
  };
}
