import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkspaceRuleset } from './ruleset-file.js';

describe('readWorkspaceRuleset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-ruleset-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('returns nulls without a workspace or without a ruleset file', async () => {
    expect(await readWorkspaceRuleset(null)).toEqual({ file: null, content: null });
    expect(await readWorkspaceRuleset(dir)).toEqual({ file: null, content: null });
  });

  it('prefers .spectral.yaml over .spectral.json', async () => {
    await writeFile(join(dir, '.spectral.json'), '{"extends": "spectral:oas"}');
    expect((await readWorkspaceRuleset(dir)).file).toBe('.spectral.json');
    await writeFile(join(dir, '.spectral.yaml'), 'extends: spectral:oas\n');
    expect(await readWorkspaceRuleset(dir)).toEqual({
      file: '.spectral.yaml',
      content: 'extends: spectral:oas\n',
    });
  });
});
