/**
 * Environment files in a workspace folder: list, read, write (atomically, in the
 * fixed key order) and delete `environments/<name>.yaml`.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../errors.js';
import { writeFileAtomic } from '../workspace/api-files.js';
import {
  ENVIRONMENTS_DIR,
  environmentNamePattern,
  environmentNameRule,
  parseEnvironment,
  serializeEnvironment,
  validateEnvironment,
  type Environment,
} from './environment-file.js';

/** An environment file that exists but does not read, and why. */
export interface EnvironmentProblem {
  path: string;
  message: string;
}

function fileOf(root: string, name: string): string {
  if (!environmentNamePattern.test(name))
    throw new StudioError('VALIDATION', `environment: "${name}" ${environmentNameRule}`);
  return join(root, ENVIRONMENTS_DIR, `${name}.yaml`);
}

export async function listEnvironments(
  root: string,
): Promise<{ environments: Environment[]; problems: EnvironmentProblem[] }> {
  let names: string[];
  try {
    names = await readdir(join(root, ENVIRONMENTS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { environments: [], problems: [] };
    throw error;
  }
  const environments: Environment[] = [];
  const problems: EnvironmentProblem[] = [];
  for (const file of names.filter((n) => n.endsWith('.yaml')).sort()) {
    const path = `${ENVIRONMENTS_DIR}/${file}`;
    const parsed = parseEnvironment(await readFile(join(root, ENVIRONMENTS_DIR, file), 'utf8'));
    if (!parsed.ok) problems.push({ path, message: parsed.message });
    else if (`${parsed.environment.name}.yaml` !== file)
      problems.push({ path, message: `name: must be "${file.slice(0, -5)}", the file's name` });
    else environments.push(parsed.environment);
  }
  return { environments, problems };
}

export async function readEnvironment(root: string, name: string): Promise<Environment> {
  let text: string;
  try {
    text = await readFile(fileOf(root, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StudioError(
        'NOT_FOUND',
        `environment: no ${ENVIRONMENTS_DIR}/${name}.yaml in the workspace`,
      );
    throw error;
  }
  const parsed = parseEnvironment(text);
  if (!parsed.ok)
    throw new StudioError('VALIDATION', `${ENVIRONMENTS_DIR}/${name}.yaml: ${parsed.message}`);
  return parsed.environment;
}

/** Validates and writes; returns the environment as stored (defaults filled in). */
export async function writeEnvironment(root: string, input: unknown): Promise<Environment> {
  const parsed = validateEnvironment(input);
  if (!parsed.ok) throw new StudioError('VALIDATION', parsed.message);
  await mkdir(join(root, ENVIRONMENTS_DIR), { recursive: true });
  await writeFileAtomic(
    fileOf(root, parsed.environment.name),
    serializeEnvironment(parsed.environment),
  );
  return parsed.environment;
}

export async function deleteEnvironment(root: string, name: string): Promise<void> {
  await rm(fileOf(root, name), { force: true });
}
