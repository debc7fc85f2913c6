/**
 * Cross-reference checks of a bundle whose shape is already valid: every name a
 * field points at must exist, and ids and names must be unique. Each issue carries
 * the path of the field that points at nothing.
 */
import type { z } from 'zod';
import type { bundleShapeSchema } from './bundle.js';
import { UNLIMITED } from './common.js';
import type { Endpoint } from './api.js';
import { checkSequenceExpressions } from '../sequences/check.js';

type Shape = z.infer<typeof bundleShapeSchema>;
type Path = (string | number)[];

/** Vendor names usable without an `aiVendors` entry. */
const builtInVendors = ['openai', 'azure-openai', 'mistral', 'anthropic', 'openai-compatible'];

function list(names: Iterable<string>): string {
  const all = [...names];
  if (all.length === 0) return 'a defined name, but none are defined';
  const shown = all
    .slice(0, 10)
    .map((n) => `"${n}"`)
    .join(', ');
  return all.length > 10 ? `one of ${shown}, ...` : `one of ${shown}`;
}

export function checkReferences(bundle: Shape, ctx: z.RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });

  const unique = <T>(items: T[], key: (item: T) => string, field: string, base: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else issue([base, index, field], `duplicate ${field} "${value}" (also at ${base}[${first}])`);
    });
    return new Set(seen.keys());
  };

  const apiIds = unique(bundle.apis, (a) => a.id, 'id', 'apis');
  const appIds = unique(bundle.applications, (a) => a.id, 'id', 'applications');
  unique(bundle.subscriptions, (s) => s.id, 'id', 'subscriptions');
  unique(bundle.denylist, (d) => d.id, 'id', 'denylist');
  const keyManagers = unique(bundle.keyManagers, (k) => k.name, 'name', 'keyManagers');
  const sequences = unique(bundle.sequences, (s) => s.name, 'name', 'sequences');
  // JSONata syntax, so a typo fails the deploy with its path instead of every request.
  bundle.sequences.forEach((sequence, index) => {
    for (const e of checkSequenceExpressions(sequence))
      issue(['sequences', index, ...e.path], e.message);
  });
  const vendors = unique(bundle.aiVendors, (v) => v.name, 'name', 'aiVendors');
  const plans = new Set([UNLIMITED, ...bundle.policies.subscription.map((p) => p.name)]);
  const appPolicies = new Set([UNLIMITED, ...bundle.policies.application.map((p) => p.name)]);
  const apiPolicies = new Set([UNLIMITED, ...bundle.policies.api.map((p) => p.name)]);
  for (const [category, policies] of Object.entries(bundle.policies)) {
    const seen = new Set<string>();
    policies.forEach((p, i) => {
      if (seen.has(p.name))
        issue(['policies', category, i, 'name'], `duplicate policy name "${p.name}"`);
      seen.add(p.name);
    });
  }

  const contexts = new Map<string, number>();
  const defaults = new Map<string, number>();
  const checkEndpoint = (endpoint: Endpoint | null | undefined, path: Path) => {
    if (!endpoint) return;
    if (endpoint.type === 'sequence' && !sequences.has(endpoint.sequence)) {
      issue([...path, 'sequence'], `names an unknown sequence; must be ${list(sequences)}`);
    }
    if (endpoint.type === 'ai') {
      const known = new Set([...vendors, ...builtInVendors]);
      if (!known.has(endpoint.vendor))
        issue([...path, 'vendor'], `names an unknown AI vendor; must be ${list(known)}`);
      endpoint.fallbacks?.forEach((fallback, i) => {
        if (!known.has(fallback.vendor)) {
          issue(
            [...path, 'fallbacks', i, 'vendor'],
            `names an unknown AI vendor; must be ${list(known)}`,
          );
        }
      });
    }
  };

  bundle.apis.forEach((api, a) => {
    const at = (...rest: Path): Path => ['apis', a, ...rest];
    const where = `${api.context}/${api.version}`;
    const other = contexts.get(where);
    if (other !== undefined)
      issue(
        at('version'),
        `context ${api.context} version ${api.version} is already served by apis[${other}]`,
      );
    else contexts.set(where, a);
    if (api.isDefaultVersion) {
      const prior = defaults.get(api.context);
      if (prior !== undefined)
        issue(
          at('isDefaultVersion'),
          `apis[${prior}] is already the default version of ${api.context}`,
        );
      else defaults.set(api.context, a);
    }
    const operations = new Set<string>();
    api.operations.forEach((op, o) => {
      const key = `${op.method} ${op.target.replace(/\{[^}]*\}/g, '{}')}`;
      if (operations.has(key))
        issue(at('operations', o), `duplicate operation ${op.method} ${op.target}`);
      operations.add(key);
      if (op.throttlingPolicy && !apiPolicies.has(op.throttlingPolicy)) {
        issue(
          at('operations', o, 'throttlingPolicy'),
          `names an unknown API policy; must be ${list(apiPolicies)}`,
        );
      }
    });
    if (api.throttlingPolicy && !apiPolicies.has(api.throttlingPolicy)) {
      issue(at('throttlingPolicy'), `names an unknown API policy; must be ${list(apiPolicies)}`);
    }
    api.plans.forEach((plan, p) => {
      if (!plans.has(plan))
        issue(at('plans', p), `names an unknown subscription plan; must be ${list(plans)}`);
    });
    checkEndpoint(api.endpoints.production, at('endpoints', 'production'));
    checkEndpoint(api.endpoints.sandbox, at('endpoints', 'sandbox'));
    for (const flow of ['request', 'response', 'fault'] as const) {
      const ref = api.mediation?.[flow];
      if (ref && !sequences.has(ref))
        issue(at('mediation', flow), `names an unknown sequence; must be ${list(sequences)}`);
    }
    api.security?.oauth2?.keyManagers.forEach((km, k) => {
      if (km !== '*' && !keyManagers.has(km)) {
        issue(
          at('security', 'oauth2', 'keyManagers', k),
          `names an unknown key manager; must be "*" or ${list(keyManagers)}`,
        );
      }
    });
    const aliases = new Set<string>();
    api.security?.mtls?.certificates.forEach((cert, c) => {
      const certAt = at('security', 'mtls', 'certificates', c);
      if (aliases.has(cert.alias)) issue([...certAt, 'alias'], `duplicate alias "${cert.alias}"`);
      aliases.add(cert.alias);
      if (cert.plan && !plans.has(cert.plan))
        issue([...certAt, 'plan'], `names an unknown subscription plan; must be ${list(plans)}`);
    });
  });

  const apiKeyOwners = new Map<string, string>();
  const consumerKeyOwners = new Map<string, string>();
  bundle.applications.forEach((app, a) => {
    app.keys.forEach((key, k) => {
      key.apiKeyHashes.forEach((hash, h) => {
        const owner = apiKeyOwners.get(hash);
        if (owner !== undefined && owner !== `${app.id}/${key.keyType}`) {
          issue(
            ['applications', a, 'keys', k, 'apiKeyHashes', h],
            `this API key hash already belongs to ${owner}`,
          );
        }
        apiKeyOwners.set(hash, `${app.id}/${key.keyType}`);
      });
      if (key.consumerKey !== undefined && key.keyManager !== undefined) {
        const pair = `${key.keyManager}\u0000${key.consumerKey}`;
        const owner = consumerKeyOwners.get(pair);
        if (owner !== undefined) {
          issue(
            ['applications', a, 'keys', k, 'consumerKey'],
            `consumer key "${key.consumerKey}" at ${key.keyManager} already belongs to ${owner}`,
          );
        }
        consumerKeyOwners.set(pair, `${app.id}/${key.keyType}`);
      }
    });
    if (app.throttlingPolicy && !appPolicies.has(app.throttlingPolicy)) {
      issue(
        ['applications', a, 'throttlingPolicy'],
        `names an unknown application policy; must be ${list(appPolicies)}`,
      );
    }
    app.keys.forEach((key, k) => {
      if (key.keyManager !== undefined && !keyManagers.has(key.keyManager)) {
        issue(
          ['applications', a, 'keys', k, 'keyManager'],
          `names an unknown key manager; must be ${list(keyManagers)}`,
        );
      }
    });
  });

  const pairs = new Set<string>();
  bundle.subscriptions.forEach((sub, s) => {
    const at = (field: string): Path => ['subscriptions', s, field];
    if (!appIds.has(sub.applicationId))
      issue(at('applicationId'), `names an unknown application; must be ${list(appIds)}`);
    if (!apiIds.has(sub.apiId)) issue(at('apiId'), `names an unknown API; must be ${list(apiIds)}`);
    if (!plans.has(sub.plan))
      issue(at('plan'), `names an unknown subscription plan; must be ${list(plans)}`);
    const api = bundle.apis.find((candidate) => candidate.id === sub.apiId);
    if (api && api.plans.length > 0 && plans.has(sub.plan) && !api.plans.includes(sub.plan)) {
      issue(at('plan'), `is not offered by API "${api.id}"; must be ${list(api.plans)}`);
    }
    const pair = `${sub.applicationId}\u0000${sub.apiId}`;
    if (pairs.has(pair))
      issue(
        at('apiId'),
        `application "${sub.applicationId}" is already subscribed to "${sub.apiId}"`,
      );
    pairs.add(pair);
  });
}
