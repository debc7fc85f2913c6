import { describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../../main/ipc/contract';
import { sections, visibleNodes } from './explorer-tree';

const ws: WorkspaceInfo = {
  root: '/ws',
  name: 'ws',
  problems: [],
  apis: [
    {
      id: 'b-1',
      name: 'beta',
      version: '1',
      context: '/b',
      type: 'REST',
      definitionFormat: 'openapi',
      path: 'apis/b-1',
      operationCount: 0,
    },
    {
      id: 'A-10',
      name: 'Alpha',
      version: '10',
      context: '/a',
      type: 'GRAPHQL',
      definitionFormat: 'graphql',
      path: 'apis/A-10',
      operationCount: 0,
    },
  ],
  resources: [{ kind: 'environment', name: 'staging', path: 'environments/staging.yaml' }],
};

describe('explorer tree', () => {
  it('lists every section in order, children sorted by name, case-insensitively', () => {
    const nodes = visibleNodes(ws, new Set());
    expect(nodes.filter((n) => n.type === 'section').map((n) => n.id)).toEqual(
      sections.map((s) => `section:${s.key}`),
    );
    expect(nodes.slice(0, 3).map((n) => n.id)).toEqual(['section:api', 'api:A-10', 'api:b-1']);
    const env = nodes.findIndex((n) => n.id === 'section:environment');
    expect(nodes[env + 1]).toMatchObject({ type: 'resource', parentId: 'section:environment' });
  });

  it('leaves out the children of collapsed sections but still counts them', () => {
    const nodes = visibleNodes(ws, new Set(['api'] as const));
    expect(nodes[0]).toMatchObject({ id: 'section:api', expanded: false, count: 2 });
    expect(nodes[1]?.id).toBe('section:sequence');
  });
});
