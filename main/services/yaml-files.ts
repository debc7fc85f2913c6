/**
 * The YAML files of one workspace folder (`sequences/`, `ai-vendors/`, ...), read the
 * same way by every service that keeps one document per file.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodePoint } from './sort.js';

/** A `.yaml`/`.yml` file's name (with its extension) and text. */
export interface YamlFile {
  name: string;
  text: string;
}

/** Whether a folder entry's name is a YAML file a user means (dotfiles are editors' leftovers). */
export const isYamlFileName = (name: string): boolean =>
  /\.ya?ml$/i.test(name) && !name.startsWith('.');

/** The file's name without `.yaml`/`.yml`: the name the document must carry. */
export const yamlStem = (name: string): string => name.replace(/\.ya?ml$/i, '');

/**
 * Every YAML file directly in `dir`, in code-point order of name; none when the folder
 * does not exist. Sub-folders are skipped even when their name ends in `.yaml`.
 */
export async function readYamlFiles(dir: string): Promise<YamlFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const names = entries
    .filter((e) => e.isFile() && isYamlFileName(e.name))
    .map((e) => e.name)
    .sort(byCodePoint);
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
}
