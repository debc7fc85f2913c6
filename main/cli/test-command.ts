/**
 * `portico test --api ID`: runs the API's test cases (`apis/<ID>/tests/*.yaml`)
 * against a gateway. Without `--gateway` it starts a headless gateway in this process
 * for the workspace, from the same bundle the studio deploys (APIs, the store's
 * applications, keys, subscriptions, the resident key manager and the workspace's
 * plans, sequences and AI vendors), on a free loopback port, and stops it afterwards.
 */
import { createGateway, type Gateway } from '../../gateway-runtime/src/index.js';
import type { TestCaseResult } from '../ipc/contract-console.js';
import { ApplicationsService } from '../services/applications/applications-service.js';
import { createAccessSource } from '../services/applications/bundle-access.js';
import { ChangeSignal } from '../services/applications/changes.js';
import { SubscriptionsService } from '../services/applications/subscriptions-service.js';
import { buildBundle } from '../services/bundle-builder.js';
import { apiTarget } from '../services/console/console-service.js';
import { runTestCases, type ConsoleDeps } from '../services/console/engine.js';
import { listTestCases } from '../services/console/test-case-files.js';
import { trialKeyName } from '../services/console/trial-keys.js';
import { StudioError } from '../services/errors.js';
import { ResidentKeyManager } from '../services/key-manager/resident-key-manager.js';
import { PoliciesService } from '../services/policies/policies-service.js';
import { readWorkspaceResources } from '../services/revisions/workspace-resources.js';
import type { Store } from '../services/store/store.js';
import type { ApiRecord } from '../services/workspace/api-files.js';

/** What the test command needs from the CLI around it. */
export interface TestCommandInput {
  root: string;
  apiId: string;
  apis: readonly ApiRecord[];
  store: Store;
  /** A running gateway's traffic URL; without it a headless one is started. */
  gatewayUrl?: string;
  /** Looks a secret up: environment `PORTICO_SECRET_<NAME>` first, then the store. */
  secret(name: string): string | undefined;
}

async function startHeadless(
  input: TestCommandInput,
  access: ReturnType<typeof createAccessSource>,
) {
  // As the studio's gateway host: its access plus the workspace's sequences and AI vendors.
  const { sequences, aiVendors } = await readWorkspaceResources(input.root);
  const built = buildBundle(input.apis, {
    ...(await access.snapshot()),
    ...(sequences && { sequences }),
    ...(aiVendors && { aiVendors }),
  });
  if (!built.ok)
    throw new StudioError(
      'VALIDATION',
      `the workspace cannot be deployed: ${built.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  const gateway = createGateway(built.bundle, {
    host: '127.0.0.1',
    port: 0,
    admin: false,
    dataDir: null,
    analytics: { flushIntervalMs: 50 },
  });
  const listeners = await gateway.listen();
  return { gateway, listeners: [listeners.http, ...(listeners.https ? [listeners.https] : [])] };
}

export async function runTestCommand(input: TestCommandInput): Promise<TestCaseResult[]> {
  const record = input.apis.find((a) => a.id === input.apiId);
  if (!record)
    throw new StudioError(
      'NOT_FOUND',
      `--api: no API ${input.apiId} in ${input.root}; the workspace has ${input.apis.map((a) => a.id).join(', ') || 'none'}`,
    );
  const cases = await listTestCases(input.root, input.apiId);
  if (cases.length === 0)
    throw new StudioError(
      'NOT_FOUND',
      `--api: ${input.apiId} has no test cases (apis/${input.apiId}/tests/*.yaml); save one from the studio's "Try it"`,
    );
  const changes = new ChangeSignal();
  const policies = new PoliciesService({ root: () => input.root });
  const policyNames = {
    subscription: () => policies.names('subscription'),
    application: () => policies.names('application'),
  };
  const db = input.store.db;
  const applications = new ApplicationsService(db, changes, undefined, policyNames);
  const subscriptions = new SubscriptionsService(db, changes, undefined, policyNames);
  const keyManager = new ResidentKeyManager(input.store.secrets, applications);
  const access = createAccessSource({
    applications,
    subscriptions,
    residentKeyManager: keyManager,
    changes,
    policies: () => policies.bundlePolicies(),
  });

  // A first token registers the application's consumer key; do it before the bundle is built.
  for (const c of cases)
    if (c.request.credentials.type === 'jwt')
      applications.localConsumerKey(c.request.credentials.applicationId, c.request.keyType);

  let gateway: Gateway | null = null;
  let listeners: string[];
  if (input.gatewayUrl !== undefined) {
    if (!URL.canParse(input.gatewayUrl) || !/^https?:$/.test(new URL(input.gatewayUrl).protocol))
      throw new StudioError(
        'VALIDATION',
        `--gateway: "${input.gatewayUrl}" is not an http(s) URL such as http://127.0.0.1:8280`,
      );
    listeners = [input.gatewayUrl.replace(/\/+$/, '')];
  } else {
    ({ gateway, listeners } = await startHeadless(input, access));
  }
  const local = gateway;
  const deps: ConsoleDeps = {
    listeners: () => listeners,
    api: () => apiTarget(record),
    trialKey: async (applicationId, keyType) => {
      const key = input.secret(trialKeyName(applicationId, keyType));
      if (key === undefined)
        throw new StudioError(
          'VALIDATION',
          `credentials.applicationId: application ${applicationId} has no ${keyType} trial key in this data folder; generate one in the studio or set the environment variable for secret ${trialKeyName(applicationId, keyType)}`,
        );
      return key;
    },
    issueToken: async (applicationId, keyType, scopes) =>
      (
        await keyManager.issueToken({
          applicationId,
          keyType,
          ...(scopes !== undefined && { scopes }),
        })
      ).accessToken,
    ...(local && {
      analyticsEvents: async (sinceMs: number) =>
        local.analytics.events({ since: sinceMs, limit: 10_000 }),
    }),
  };
  try {
    return await runTestCases(input.apiId, cases, deps);
  } finally {
    await gateway?.close();
  }
}

function describeAssertion(result: TestCaseResult['assertions'][number]): string {
  const a = result.assertion;
  switch (a.type) {
    case 'status':
      return `status equals ${a.equals}`;
    case 'time':
      return `time under ${a.underMs} ms`;
    case 'header':
      return a.equals !== undefined
        ? `header ${a.name} equals ${JSON.stringify(a.equals)}`
        : `header ${a.name} matches /${a.matches ?? ''}/`;
    case 'body':
      return a.exists !== undefined
        ? `body ${a.path || '(root)'} ${a.exists ? 'exists' : 'is absent'}`
        : a.matches !== undefined
          ? `body ${a.path || '(root)'} matches /${a.matches}/`
          : `body ${a.path || '(root)'} equals ${JSON.stringify(a.equals)}`;
  }
}

/** The human report: one line per case, one per assertion of a failed case, then totals. */
export function formatResults(results: readonly TestCaseResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const detail = r.error ?? `${r.status ?? '-'}, ${Math.round(r.totalMs ?? 0)} ms`;
    lines.push(`${r.passed ? 'PASS' : 'FAIL'}  ${r.name}  (${detail})`);
    if (r.passed) continue;
    for (const a of r.assertions)
      lines.push(`  ${a.passed ? 'ok  ' : 'FAIL'}  ${describeAssertion(a)}: got ${a.actual}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  lines.push(`${results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}
