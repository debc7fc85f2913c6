/**
 * A deployment: one validated bundle compiled for serving. Routers, credential
 * indexes, the JWT validator, subscription and denylist indexes are built here
 * once, never per request. Requests hold the deployment they started on, so a swap
 * never changes the rules under a request in flight; the old JWT validator closes
 * when its last request ends.
 */
import {
  createCredentialIndex,
  createJwtValidator,
  hasScopes,
  matchClientCertificate,
} from '../auth/index.js';
import type { Billing, DenylistEntry, GatewayBundle, Subscription } from '../model/bundle.js';
import { compileSecurity, type AuthServices } from '../pipeline/authenticate.js';
import { compileDenylist, type DenylistIndex } from '../pipeline/denylist.js';
import { compileEndpoint } from '../pipeline/endpoint.js';
import {
  compileOperations,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  RouteTable,
  type CompiledApi,
} from '../pipeline/route.js';
import { httpMethods } from '../model/bundle.js';
import { SubscriptionIndex } from '../pipeline/subscribe.js';

/** What a deployment owns and must release; shared by deployments derived from it. */
export class DeploymentResources {
  private inflight = 0;
  private retired = false;

  constructor(private readonly onRelease: () => void) {}

  acquire(): void {
    this.inflight++;
  }

  release(): void {
    this.inflight--;
    if (this.retired && this.inflight === 0) this.onRelease();
  }

  /** No new requests will start on it; free it once the last one ends. */
  retire(): void {
    if (this.retired) return;
    this.retired = true;
    if (this.inflight === 0) this.onRelease();
  }
}

export interface Deployment {
  bundle: GatewayBundle;
  routes: RouteTable;
  apis: Map<string, CompiledApi>;
  denylist: DenylistIndex;
  subscriptions: SubscriptionIndex;
  auth: AuthServices;
  /** Billing of each subscription plan, for the analytics cost. */
  billing: Map<string, Billing | undefined>;
  resources: DeploymentResources;
}

export interface CompileOptions {
  /** Used by key managers to fetch discovery documents and JWKS. */
  fetch?: typeof fetch;
  now?: () => number;
}

function compileApis(bundle: GatewayBundle): CompiledApi[] {
  return bundle.apis.map((spec) => {
    const methods = [...new Set(spec.operations.map((op) => op.method))];
    return {
      spec,
      router: compileOperations(spec.operations),
      methods: methods.length > 0 ? methods : [...httpMethods],
      passThrough: {
        method: '*',
        template: '/*',
        auth: 'required',
        scopes: [],
        throttlingPolicy: null,
      },
      security: compileSecurity(spec),
      endpoints: {
        production: compileEndpoint(spec.endpoints.production, bundle.aiVendors),
        sandbox: compileEndpoint(spec.endpoints.sandbox, bundle.aiVendors),
      },
      maxRequestBodyBytes: spec.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES,
      hasMediation: Boolean(
        spec.mediation?.request || spec.mediation?.response || spec.mediation?.fault,
      ),
    };
  });
}

export function compileDeployment(bundle: GatewayBundle, options: CompileOptions = {}): Deployment {
  const apis = compileApis(bundle);
  const credentials = createCredentialIndex(bundle.applications);
  const jwtDeps: { fetch?: typeof fetch; now?: () => number } = {};
  if (options.fetch) jwtDeps.fetch = options.fetch;
  if (options.now) jwtDeps.now = options.now;
  const jwt = createJwtValidator(bundle.keyManagers, jwtDeps);
  return {
    bundle,
    routes: new RouteTable(apis),
    apis: new Map(apis.map((api) => [api.spec.id, api])),
    denylist: compileDenylist(bundle.denylist),
    subscriptions: new SubscriptionIndex(bundle.subscriptions),
    auth: {
      byApiKey: (raw) => credentials.byApiKey(raw),
      byConsumerKey: (keyManager, consumerKey) =>
        credentials.byConsumerKey(keyManager, consumerKey),
      validateJwt: (token, validateOptions) => jwt.validate(token, validateOptions),
      matchClientCertificate,
      hasScopes,
    },
    billing: new Map(bundle.policies.subscription.map((plan) => [plan.name, plan.billing])),
    resources: new DeploymentResources(() => jwt.close()),
  };
}

/** The same deployment with other subscriptions; shares routers and key managers. */
export function withSubscriptions(
  deployment: Deployment,
  subscriptions: Subscription[],
): Deployment {
  return {
    ...deployment,
    bundle: { ...deployment.bundle, subscriptions },
    subscriptions: new SubscriptionIndex(subscriptions),
  };
}

/** The same deployment with another denylist. */
export function withDenylist(deployment: Deployment, denylist: DenylistEntry[]): Deployment {
  return {
    ...deployment,
    bundle: { ...deployment.bundle, denylist },
    denylist: compileDenylist(denylist),
  };
}
