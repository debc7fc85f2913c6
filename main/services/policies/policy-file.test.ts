import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../errors.js';
import { PoliciesService, defaultPolicyDocuments } from './policies-service.js';
import { parsePolicy, serializePolicy, validatePolicy } from './policy-file.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-policies-'));
  dirs.push(dir);
  return dir;
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof StudioError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

const gold = {
  kind: 'subscription',
  name: 'AIGold',
  billing: { model: 'COMMERCIAL', currency: 'USD', pricePerRequest: 0.001 },
  stopOnQuotaReach: true,
  burst: { per: 'sec', requests: 20 },
  tokens: { completion: null, prompt: 20000, total: 50000 },
  limit: { timeUnit: 'min', unitTime: 1, requests: 1000 },
  description: 'AI plan',
};

describe('policy files', () => {
  it('writes keys in one fixed order and rewrites an unchanged policy byte for byte', () => {
    const parsed = validatePolicy(gold);
    if (!parsed.ok) throw new Error(parsed.message);
    const text = serializePolicy(parsed.policy);
    expect(text).toBe(
      [
        'kind: subscription',
        'name: AIGold',
        'description: AI plan',
        'limit:',
        '  requests: 1000',
        '  unitTime: 1',
        '  timeUnit: min',
        'tokens:',
        '  total: 50000',
        '  prompt: 20000',
        '  completion: null',
        'burst:',
        '  requests: 20',
        '  per: sec',
        'stopOnQuotaReach: true',
        'billing:',
        '  model: COMMERCIAL',
        '  currency: USD',
        '  pricePerRequest: 0.001',
        '',
      ].join('\n'),
    );
    const again = parsePolicy(text);
    if (!again.ok) throw new Error(again.message);
    expect(serializePolicy(again.policy)).toBe(text);
  });

  it('keeps conditional groups of an API policy', () => {
    const text = serializePolicy({
      kind: 'api',
      name: 'api-default',
      limit: { requests: 100, unitTime: 1, timeUnit: 'min' },
      conditions: [
        {
          match: { invert: true, ipRange: '10.0.0.0/8', header: { value: 'x', name: 'h' } },
          limit: { requests: 5, unitTime: 1, timeUnit: 'min' },
        },
      ],
    });
    expect(text).toContain(
      '  - match:\n      ipRange: 10.0.0.0/8\n      header:\n        name: h\n',
    );
    expect(parsePolicy(text).ok).toBe(true);
  });

  it('names the field and what is valid when a policy is wrong', () => {
    const problem = (input: unknown) => {
      const r = validatePolicy(input);
      return r.ok ? 'ok' : r.message;
    };
    expect(problem({ ...gold, kind: 'plan' })).toMatch(/^kind: must be one of "subscription"/);
    expect(problem({ ...gold, limit: { requests: -1, unitTime: 1, timeUnit: 'min' } })).toBe(
      'limit.requests: must be 0 or more',
    );
    expect(problem({ ...gold, limit: { requests: 1, unitTime: 1, timeUnit: 'week' } })).toMatch(
      /^limit\.timeUnit: must be one of "sec", "min"/,
    );
    expect(problem({ ...gold, name: 'Gold Plan' })).toMatch(/^name: must be 1-100 letters/);
    expect(problem({ ...gold, name: 'Unlimited' })).toMatch(/built into the gateway/);
    expect(
      problem({
        kind: 'api',
        name: 'a',
        limit: { requests: 1, unitTime: 1, timeUnit: 'min' },
        conditions: [{ match: { ipRange: '10.0.0.1' }, limit: { unitTime: 1, timeUnit: 'min' } }],
      }),
    ).toMatch(/^conditions\[0\]\.match\.ipRange: must be a CIDR range/);
    expect(problem({ kind: 'application', name: 'x' })).toMatch(/^limit: is required/);
    expect(parsePolicy('kind: [').ok).toBe(false);
  });
});

describe('PoliciesService', () => {
  it('lists the defaults for a workspace without files, and writes them out with the first save', async () => {
    const root = await workspace();
    const service = new PoliciesService({ root: () => root });
    expect(service.list()).toMatchObject({ usingDefaults: true, problems: [] });
    expect(service.names('subscription')).toEqual(['Unlimited', 'Gold', 'Silver', 'Bronze']);
    await service.save({ ...gold, name: 'Gold', description: 'edited' }, 'Gold');
    const files = (await readdir(join(root, 'policies'))).sort();
    expect(files).toHaveLength(defaultPolicyDocuments().length);
    expect(files).toContain('subscription-Gold.yaml');
    expect(await readFile(join(root, 'policies/subscription-Gold.yaml'), 'utf8')).toContain(
      'description: edited',
    );
    expect(service.list().usingDefaults).toBe(false);
    expect(service.bundlePolicies().subscription.find((p) => p.name === 'Gold')?.tokens).toEqual({
      total: 50000,
      prompt: 20000,
      completion: null,
    });
  });

  it('renames, refuses duplicates and policies in use, and reports broken files', async () => {
    const root = await workspace();
    const used = new Set(['subscription/Silver']);
    const service = new PoliciesService({
      root: () => root,
      usedBy: (kind, name) => (used.has(`${kind}/${name}`) ? ['Mobile → PetStore-1.0.0'] : []),
    });
    await service.save(gold);
    expect(await failure(() => service.save(gold))).toMatch(
      /^CONFLICT: name: a subscription policy named AIGold already exists/,
    );
    await service.save({ ...gold, name: 'AIPlatinum' }, 'AIGold');
    expect(service.names('subscription')).toContain('AIPlatinum');
    expect(service.names('subscription')).not.toContain('AIGold');
    expect(await failure(() => service.delete('subscription', 'Silver'))).toMatch(
      /^CONFLICT: name: cannot delete subscription policy Silver: used by Mobile → PetStore-1.0.0/,
    );
    await service.delete('subscription', 'Bronze');
    expect(service.names('subscription')).not.toContain('Bronze');
    await writeFile(
      join(root, 'policies/subscription-Broken.yaml'),
      'kind: subscription\nname: Other\n',
    );
    expect(service.list().problems).toEqual([
      {
        path: 'policies/subscription-Broken.yaml',
        message: 'name: a subscription policy named Other belongs in subscription-Other.yaml',
      },
    ]);
  });
});
