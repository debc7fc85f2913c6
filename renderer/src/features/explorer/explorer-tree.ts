import type {
  ApiSummary,
  ResourceEntry,
  ResourceKind,
  WorkspaceInfo,
} from '../../../../main/ipc/contract';

export type SectionKey = 'api' | ResourceKind;

export interface Section {
  key: SectionKey;
  label: string;
  /** Shown when the workspace has none of this kind yet. */
  empty: string;
}

export const sections: readonly Section[] = [
  { key: 'api', label: 'APIs', empty: 'No APIs yet' },
  { key: 'sequence', label: 'Sequences', empty: 'No sequences yet' },
  { key: 'application', label: 'Applications', empty: 'No applications yet' },
  { key: 'policy', label: 'Policies', empty: 'No policies yet' },
  { key: 'keyManager', label: 'Key managers', empty: 'No key managers yet' },
  { key: 'aiVendor', label: 'AI vendors', empty: 'No AI vendors yet' },
  { key: 'environment', label: 'Environments', empty: 'No environments yet' },
];

/** One row of the tree as the keyboard walks it. */
export type TreeNode =
  | { id: string; type: 'section'; section: Section; count: number; expanded: boolean }
  | { id: string; type: 'api'; parentId: string; api: ApiSummary }
  | { id: string; type: 'resource'; parentId: string; resource: ResourceEntry };

export function sectionId(key: SectionKey): string {
  return `section:${key}`;
}

/** The rows in display order, children of collapsed sections left out. */
export function visibleNodes(
  workspace: WorkspaceInfo,
  collapsed: ReadonlySet<SectionKey>,
): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const section of sections) {
    const id = sectionId(section.key);
    const expanded = !collapsed.has(section.key);
    if (section.key === 'api') {
      const apis = [...workspace.apis].sort(byName);
      nodes.push({ id, type: 'section', section, count: apis.length, expanded });
      if (expanded)
        for (const api of apis) nodes.push({ id: `api:${api.id}`, type: 'api', parentId: id, api });
    } else {
      const resources = workspace.resources.filter((r) => r.kind === section.key).sort(byName);
      nodes.push({ id, type: 'section', section, count: resources.length, expanded });
      if (expanded) {
        for (const resource of resources) {
          nodes.push({
            id: `${resource.kind}:${resource.path}`,
            type: 'resource',
            parentId: id,
            resource,
          });
        }
      }
    }
  }
  return nodes;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
}
