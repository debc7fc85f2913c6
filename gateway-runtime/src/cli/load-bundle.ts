/**
 * Reads a bundle file (JSON or YAML: YAML is a superset of JSON) and validates it.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parseBundle, type ParseBundleResult } from '../model/parse.js';

export async function loadBundleFile(file: string): Promise<ParseBundleResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      issues: [{ path: '(file)', message: `cannot read ${file}: ${(error as Error).message}` }],
    };
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          path: '(file)',
          message: `${file} is not valid JSON or YAML: ${(error as Error).message}`,
        },
      ],
    };
  }
  return parseBundle(data);
}
