import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIgnoredPath } from './watcher.js';

describe('isIgnoredPath', () => {
  const root = join('/', 'work', 'space');
  it('ignores .git and node_modules at any depth', () => {
    expect(isIgnoredPath(root, join(root, '.git'))).toBe(true);
    expect(isIgnoredPath(root, join(root, '.git', 'objects', 'ab'))).toBe(true);
    expect(isIgnoredPath(root, join(root, 'apis', 'X-1', 'node_modules', 'y.js'))).toBe(true);
  });
  it('watches the root and everything else, including names that only contain the words', () => {
    expect(isIgnoredPath(root, root)).toBe(false);
    expect(isIgnoredPath(root, join(root, 'apis', 'X-1', 'api.yaml'))).toBe(false);
    expect(isIgnoredPath(root, join(root, '.github', 'workflows'))).toBe(false);
    expect(isIgnoredPath(root, join(root, 'my_node_modules'))).toBe(false);
  });
});
