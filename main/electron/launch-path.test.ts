import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceFromArgv, workspaceFromPath } from './launch-path.js';

const root = mkdtempSync(join(tmpdir(), 'portico-launch-'));
const workspace = join(root, 'team-apis');
mkdirSync(workspace);
writeFileSync(join(workspace, 'portico.yaml'), 'apiVersion: portico/v1\nkind: Workspace\n');
writeFileSync(join(workspace, 'Team.portico'), '');
writeFileSync(join(workspace, 'notes.txt'), '');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the workspace a launch asks for', () => {
  it('opens the folder of a .portico file or a portico.yaml, or a folder itself', () => {
    expect(workspaceFromPath(join(workspace, 'Team.portico'))).toBe(workspace);
    expect(workspaceFromPath(join(workspace, 'portico.yaml'))).toBe(workspace);
    expect(workspaceFromPath(workspace)).toBe(workspace);
    expect(workspaceFromPath('team-apis', root)).toBe(workspace);
  });

  it('ignores other files and paths that do not exist', () => {
    expect(workspaceFromPath(join(workspace, 'notes.txt'))).toBeNull();
    expect(workspaceFromPath(join(workspace, 'gone.portico'))).toBeNull();
  });

  it('takes the last user argument that names a workspace, skipping flags and Electron’s own', () => {
    const argv = ['/opt/Portico/portico', '--no-sandbox', join(workspace, 'Team.portico')];
    expect(workspaceFromArgv(argv, 1)).toBe(workspace);
    // Unpackaged, argv[1] is the app's folder: a directory, which must not be taken.
    expect(workspaceFromArgv(['/usr/bin/electron', root, '--inspect'], 2)).toBeNull();
    expect(workspaceFromArgv(['/opt/Portico/portico', join(workspace, 'notes.txt')], 1)).toBeNull();
  });
});
