/**
 * `portico.yaml`, the file that marks a folder as a Portico workspace. It holds
 * only what belongs in git: the workspace's display name.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { formatZodIssues } from '../zod-issues.js';
import { MARKER_FILE } from './paths.js';

const markerSchema = z.looseObject({
  apiVersion: z.literal('portico/v1', { error: 'must be "portico/v1"' }).default('portico/v1'),
  kind: z.literal('Workspace', { error: 'must be "Workspace"' }).default('Workspace'),
  name: z.string().min(1, 'must be a non-empty workspace name').optional(),
});

export type MarkerResult = { name: string; problem: string | null; exists: boolean };

export function serializeMarker(name: string): string {
  return stringify({ apiVersion: 'portico/v1', kind: 'Workspace', name }, { lineWidth: 0 });
}

/** The workspace name from the marker, else the folder name; a broken marker is a problem, not a failure. */
export async function readMarker(root: string): Promise<MarkerResult> {
  const fallback = basename(root);
  let content: string;
  try {
    content = await readFile(`${root}/${MARKER_FILE}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { name: fallback, problem: null, exists: false };
    return {
      name: fallback,
      problem: `could not be read: ${(error as Error).message}`,
      exists: true,
    };
  }
  const doc = parseDocument(content, { prettyErrors: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0];
    const head = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return {
      name: fallback,
      problem: at ? `line ${at.line}, column ${at.col}: ${head}` : head,
      exists: true,
    };
  }
  const parsed = markerSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success)
    return { name: fallback, problem: formatZodIssues(parsed.error.issues), exists: true };
  return { name: parsed.data.name ?? fallback, problem: null, exists: true };
}
