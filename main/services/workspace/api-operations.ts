/**
 * Per-operation settings kept in api.yaml, as apictl writes them: `authType`
 * (`None` opens the operation to anonymous callers), `throttlingPolicy` (an API
 * policy for this operation alone) and `scopes` (OAuth2 scopes the caller's token
 * must hold). The gateway bundle carries all three.
 */
import { StudioError } from '../errors.js';
import { operationKey, operationsOf, type ApiRecord } from './api-files.js';
import { DEFAULT_AUTH_TYPE, UNLIMITED, type ApiYaml, type ApiYamlOperation } from './api-yaml.js';

/** What `updateApiOperation` receives (the `apis.updateOperation` request). */
export interface OperationUpdate {
  id: string;
  method: string;
  target: string;
  auth?: 'required' | 'none';
  throttlingPolicy?: string | null;
  scopes?: string[];
}

/** An OAuth2 scope token (RFC 6749 section 3.3): printable ASCII without space, `"` or `\`. */
const scopePattern = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** `Unlimited` or one of the workspace's API policies; null clears. Throws naming the field. */
export function checkApiPolicy(
  field: string,
  name: string | null,
  apiPolicies: readonly string[],
): string | null {
  if (name === null) return null;
  const trimmed = name.trim();
  const allowed = [...new Set([UNLIMITED, ...apiPolicies])];
  if (!allowed.includes(trimmed))
    throw new StudioError(
      'VALIDATION',
      `${field}: unknown API policy ${JSON.stringify(name)}; must be one of ${allowed.map((n) => JSON.stringify(n)).join(', ')} (API policies are policies/api-<name>.yaml), or null for none`,
    );
  return trimmed;
}

function checkScopes(scopes: readonly string[]): string[] {
  const out: string[] = [];
  scopes.forEach((scope, i) => {
    const trimmed = scope.trim();
    if (!scopePattern.test(trimmed))
      throw new StudioError(
        'VALIDATION',
        `scopes[${i}]: ${JSON.stringify(scope)} is not an OAuth2 scope; use printable characters without spaces, quotes or backslashes (e.g. read:pets)`,
      );
    if (!out.includes(trimmed)) out.push(trimmed);
  });
  return out;
}

/** The API's api.yaml with one operation's settings changed. */
export function planOperationUpdate(
  api: ApiRecord,
  input: OperationUpdate,
  apiPolicies: readonly string[],
): ApiYaml {
  const key = operationKey(input.method, input.target);
  const known = operationsOf(api);
  const operation = known.find((op) => operationKey(op.method, op.target) === key);
  if (!operation) {
    const list = known.map((op) => `${op.method} ${op.target}`).join(', ') || 'none';
    throw new StudioError(
      'NOT_FOUND',
      `method/target: ${api.id} has no operation ${key}; its operations are: ${list}`,
    );
  }
  const existing = api.apiYaml.data.operations ?? [];
  const index = existing.findIndex((op) => operationKey(op.verb, op.target) === key);
  const next: ApiYamlOperation = {
    ...(existing[index] ?? {
      target: operation.target,
      verb: operation.method,
      authType: DEFAULT_AUTH_TYPE,
      throttlingPolicy: UNLIMITED,
    }),
  };
  if (input.auth !== undefined) next.authType = input.auth === 'none' ? 'None' : DEFAULT_AUTH_TYPE;
  if (input.throttlingPolicy !== undefined) {
    const policy = checkApiPolicy('throttlingPolicy', input.throttlingPolicy, apiPolicies);
    if (policy === null) delete next.throttlingPolicy;
    else next.throttlingPolicy = policy;
  }
  if (input.scopes !== undefined) {
    const scopes = checkScopes(input.scopes);
    if (scopes.length === 0) delete next.scopes;
    else next.scopes = scopes;
  }
  const operations = [...existing];
  if (index === -1) operations.push(next);
  else operations[index] = next;
  return { ...api.apiYaml, data: { ...api.apiYaml.data, operations } };
}

/** Who names an API policy: `PetStore-1.0.0` for the whole API, `PetStore-1.0.0 GET /pets` for one operation. */
export function apiPolicyUsers(apis: readonly ApiRecord[], policy: string): string[] {
  const users: string[] = [];
  for (const api of apis) {
    if (api.apiYaml.data.apiThrottlingPolicy === policy) users.push(api.id);
    for (const op of api.apiYaml.data.operations ?? [])
      if (op.throttlingPolicy === policy)
        users.push(`${api.id} ${op.verb.toUpperCase()} ${op.target}`);
  }
  return users;
}
