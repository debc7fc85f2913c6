import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PoliciesService, type PolicyFileReader } from './policies-service.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** node:fs, counting every directory listing and file read. */
function countingReader(): PolicyFileReader & { reads: number } {
  const reader = {
    reads: 0,
    readdir(dir: string) {
      reader.reads += 1;
      return readdirSync(dir);
    },
    readFile(path: string) {
      reader.reads += 1;
      return readFileSync(path, 'utf8');
    },
  };
  return reader;
}

/** A stand-in for `WorkspaceService.onContentChanged` that the test fires by hand. */
function changeSource() {
  const listeners = new Set<() => void>();
  return {
    onContentChanged(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      for (const listener of [...listeners]) listener();
    },
    get size() {
      return listeners.size;
    },
  };
}

const perMin = (requests: number) => ({ requests, unitTime: 1, timeUnit: 'min' });

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'portico-policies-cache-'));
  dirs.push(root);
  return root;
}

describe('PoliciesService caching', () => {
  it('reads the files once, and again only after a workspace change event', async () => {
    const root = await workspace();
    const reader = countingReader();
    const changes = changeSource();
    const policies = new PoliciesService({
      root: () => root,
      reader,
      onContentChanged: changes.onContentChanged,
    });
    await policies.save({ kind: 'subscription', name: 'Platinum', limit: perMin(9000) });

    const first = policies.list();
    const readsAfterFirst = reader.reads;
    expect(readsAfterFirst).toBeGreaterThan(0);
    expect(first.usingDefaults).toBe(false);
    // Plan-name checks and bundle builds between changes read nothing.
    expect(policies.list()).toBe(first);
    expect(policies.names('subscription')).toContain('Platinum');
    expect(policies.bundlePolicies()).toBe(policies.bundlePolicies());
    expect(reader.reads).toBe(readsAfterFirst);

    // An edit on disk (an editor, git) shows once the workspace reports it.
    const file = join(root, 'policies', 'subscription-Platinum.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('requests: 9000', 'requests: 7'));
    expect(policies.bundlePolicies().subscription.find((p) => p.name === 'Platinum')).toMatchObject(
      { limit: { requests: 9000 } },
    );
    changes.fire();
    const after = policies.list();
    expect(after).not.toBe(first);
    expect(policies.bundlePolicies().subscription.find((p) => p.name === 'Platinum')).toMatchObject(
      { limit: { requests: 7 } },
    );
    expect(reader.reads).toBeGreaterThan(readsAfterFirst);

    policies.close();
    expect(changes.size).toBe(0);
  });

  it('sees its own writes at once and reads another workspace when one opens', async () => {
    const first = await workspace();
    const second = await workspace();
    let root = first;
    const changes = changeSource();
    const policies = new PoliciesService({
      root: () => root,
      onContentChanged: changes.onContentChanged,
    });
    expect(policies.list().usingDefaults).toBe(true);
    await policies.save({ kind: 'application', name: '5PerMin', limit: perMin(5) });
    expect(policies.names('application')).toContain('5PerMin');
    await policies.delete('application', '5PerMin');
    expect(policies.names('application')).not.toContain('5PerMin');

    await mkdir(join(second, 'policies'));
    await writeFile(
      join(second, 'policies', 'subscription-Tiny.yaml'),
      'kind: subscription\nname: Tiny\nlimit:\n  requests: 1\n  unitTime: 1\n  timeUnit: min\n',
    );
    root = second;
    expect(policies.names('subscription')).toEqual(['Unlimited', 'Tiny']);
    expect(Object.isFrozen(policies.list().policies)).toBe(true);
  });

  it('keeps nothing without change events: one-shot users read the files every time', async () => {
    const root = await workspace();
    const reader = countingReader();
    const policies = new PoliciesService({ root: () => root, reader });
    policies.list();
    const reads = reader.reads;
    policies.list();
    expect(reader.reads).toBeGreaterThan(reads);
  });
});
