/**
 * Stage 1, route: `/{context}/{version}/{path}` (or `/{context}/{path}` for the
 * default version) picks the API, then the API's operation router (find-my-way,
 * compiled once per deployment) picks the operation. No API → 404, no operation →
 * 404, known path with another method → 405 with `Allow`. An API without
 * operations passes every path and method through.
 */
import FindMyWay from 'find-my-way';
import { GatewayError } from '../errors.js';
import type { ApiSpec, HttpMethod, Operation } from '../model/bundle.js';
import { httpMethods } from '../model/bundle.js';
import type { CompiledSecurity } from './authenticate.js';
import type { RequestContext } from './context.js';
import type { CompiledEndpoints } from './endpoint.js';

/** An operation as the later stages need it. */
export interface CompiledOperation {
  method: HttpMethod | '*';
  /** The template as written in the bundle (`/pets/{id}`); `/*` for pass-through APIs. */
  template: string;
  auth: Operation['auth'];
  scopes: string[];
  throttlingPolicy: string | null;
}

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

/** An API prepared for serving: everything derivable from the bundle is computed here once. */
export interface CompiledApi {
  spec: ApiSpec;
  /** Null: no operations, every path passes through. */
  router: Router | null;
  methods: HttpMethod[];
  passThrough: CompiledOperation;
  security: CompiledSecurity;
  endpoints: CompiledEndpoints;
  maxRequestBodyBytes: number;
  /** True when a request, response or fault sequence is attached. */
  hasMediation: boolean;
}

/** Default request body limit: 50 MiB. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 50 * 1024 * 1024;

/** `/pets/{id}` → `/pets/:id` for find-my-way; a literal `:` is doubled to stay literal. */
export function toRouterPath(template: string): string {
  return template.replace(/:/g, '::').replace(/\{([^}/]+)\}/g, (_, name: string) => `:${name}`);
}

/** Builds the operation router of one API; null when the API has no operations. */
export function compileOperations(operations: Operation[]): Router | null {
  if (operations.length === 0) return null;
  const router: Router = FindMyWay({
    ignoreTrailingSlash: true,
    ignoreDuplicateSlashes: true,
    caseSensitive: true,
  });
  for (const op of operations) {
    const store: CompiledOperation = {
      method: op.method,
      template: op.target,
      auth: op.auth,
      scopes: op.scopes,
      throttlingPolicy: op.throttlingPolicy ?? null,
    };
    router.on(op.method, toRouterPath(op.target), () => undefined, store);
  }
  return router;
}

interface Mount {
  api: CompiledApi;
  /** Length of the mount path, to cut `rest` from the request path. */
  length: number;
}

/** Resolves a request path to the API mounted at its longest matching prefix. */
export class RouteTable {
  private readonly mounts = new Map<string, Mount>();
  private maxDepth = 0;

  constructor(apis: CompiledApi[]) {
    // Default-version mounts first, so a versioned mount at the same path wins.
    for (const api of apis) if (api.spec.isDefaultVersion) this.mount(api.spec.context, api);
    for (const api of apis) this.mount(`${api.spec.context}/${api.spec.version}`, api);
  }

  private mount(path: string, api: CompiledApi): void {
    this.mounts.set(path, { api, length: path.length });
    this.maxDepth = Math.max(this.maxDepth, path.split('/').length - 1);
  }

  resolve(path: string): { api: CompiledApi; rest: string } | null {
    // Candidate prefixes end at a "/" or at the end of the path; try the longest first.
    const ends: number[] = [];
    let index = 0;
    while (ends.length < this.maxDepth) {
      const next = path.indexOf('/', index + 1);
      if (next === -1) {
        ends.push(path.length);
        break;
      }
      ends.push(next);
      index = next;
    }
    for (let i = ends.length - 1; i >= 0; i--) {
      const end = ends[i] as number;
      const mount = this.mounts.get(path.slice(0, end));
      if (mount) return { api: mount.api, rest: path.slice(mount.length) || '/' };
    }
    return null;
  }
}

const dotSegment = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** The route stage. */
export function route(ctx: RequestContext, table: RouteTable | null): void {
  if (!ctx.path.startsWith('/'))
    throw new GatewayError('BAD_REQUEST', 'The request target must be a path starting with "/"');
  if (dotSegment.test(ctx.path))
    throw new GatewayError('BAD_REQUEST', 'The path must not contain "." or ".." segments');
  const resolved = table?.resolve(ctx.path);
  if (!resolved) throw new GatewayError('API_NOT_FOUND', `No API is deployed at ${ctx.path}`);
  const { api, rest } = resolved;
  ctx.api = api;
  ctx.rest = rest;
  const method = (ctx.req.method ?? 'GET') as HttpMethod;
  if (!api.router) {
    if (!httpMethods.includes(method)) {
      throw new GatewayError('METHOD_NOT_ALLOWED', `${method} is not proxied`, {
        allow: httpMethods.join(', '),
      });
    }
    ctx.operation = api.passThrough;
    return;
  }
  const found = httpMethods.includes(method) ? api.router.find(method, rest) : null;
  if (found) {
    ctx.operation = found.store as CompiledOperation;
    ctx.pathParams = found.params as Record<string, string>;
    return;
  }
  const allowed = api.methods.filter((m) => api.router?.find(m, rest));
  if (allowed.length > 0) {
    throw new GatewayError(
      'METHOD_NOT_ALLOWED',
      `${method} is not allowed on ${rest}; allowed: ${allowed.join(', ')}`,
      {
        allow: allowed.join(', '),
      },
    );
  }
  throw new GatewayError(
    'OPERATION_NOT_FOUND',
    `API ${api.spec.id} has no operation ${method} ${rest}`,
  );
}
