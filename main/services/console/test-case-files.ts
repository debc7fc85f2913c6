/**
 * Test cases as workspace files, one per case: `apis/<api-id>/tests/<name>.yaml`.
 * Keys are written in a fixed order (name, request, assertions; inside a request:
 * method, path, query, headers, body, credentials, keyType; inside an assertion:
 * type, name, path, then the check) so a rewrite of an unchanged case is byte-identical
 * and diffs stay small. Pasted API keys are refused: a secret never goes to git.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { testCase, type Assertion, type TestCase } from '../../ipc/contract-console.js';
import { StudioError } from '../errors.js';
import { writeFileAtomic } from '../workspace/api-files.js';
import { formatZodIssues } from '../zod-issues.js';

export const TESTS_DIR = 'tests';

export function testsDir(root: string, apiId: string): string {
  return join(root, 'apis', apiId, TESTS_DIR);
}

const assertionOrder = ['type', 'name', 'path', 'equals', 'exists', 'matches', 'underMs'] as const;

function orderedAssertion(a: Assertion): Record<string, unknown> {
  const source = a as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of assertionOrder) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** The YAML text of a case (validated first). */
export function serializeTestCase(input: TestCase): string {
  const parsed = testCase.safeParse(input);
  if (!parsed.success)
    throw new StudioError('VALIDATION', `testCase: ${formatZodIssues(parsed.error.issues)}`);
  const c = parsed.data;
  const credentials = c.request.credentials;
  if (credentials.type === 'apiKey' && credentials.key !== undefined)
    throw new StudioError(
      'VALIDATION',
      'testCase.request.credentials: a pasted API key is not saved in the workspace; pick an application with a trial key instead',
    );
  const ordered = {
    name: c.name,
    request: {
      method: c.request.method,
      path: c.request.path,
      query: c.request.query.map((q) => ({ name: q.name, value: q.value })),
      headers: c.request.headers.map((h) => ({ name: h.name, value: h.value })),
      body: c.request.body,
      credentials:
        credentials.type === 'apiKey'
          ? { type: 'apiKey', applicationId: credentials.applicationId }
          : credentials,
      keyType: c.request.keyType,
    },
    assertions: c.assertions.map(orderedAssertion),
  };
  return stringify(ordered, { lineWidth: 0, sortMapEntries: false });
}

export function parseTestCase(text: string, file: string): TestCase {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new StudioError('VALIDATION', `${file}: not YAML: ${(error as Error).message}`);
  }
  const parsed = testCase.safeParse(raw);
  if (!parsed.success)
    throw new StudioError('VALIDATION', `${file}: ${formatZodIssues(parsed.error.issues)}`);
  return parsed.data;
}

export async function listTestCases(root: string, apiId: string): Promise<TestCase[]> {
  const dir = testsDir(root, apiId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const cases: TestCase[] = [];
  for (const name of names.filter((n) => n.endsWith('.yaml')).sort()) {
    const file = `apis/${apiId}/${TESTS_DIR}/${name}`;
    cases.push(parseTestCase(await readFile(join(dir, name), 'utf8'), file));
  }
  return cases;
}

export async function saveTestCase(
  root: string,
  apiId: string,
  input: TestCase,
): Promise<TestCase> {
  const text = serializeTestCase(input);
  const dir = testsDir(root, apiId);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, `${input.name}.yaml`), text);
  return parseTestCase(text, `apis/${apiId}/${TESTS_DIR}/${input.name}.yaml`);
}

export async function deleteTestCase(root: string, apiId: string, name: string): Promise<void> {
  const file = join(testsDir(root, apiId), `${name}.yaml`);
  try {
    await rm(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StudioError('NOT_FOUND', `name: no test case "${name}" for ${apiId}`);
    throw error;
  }
}
