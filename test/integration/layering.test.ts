// The layer rules of DESIGN.md section 1 are enforced by ESLint (eslint.config.js). This
// lints small probe sources as if they sat in each layer, so a config change that
// silently stops enforcing a rule fails here, not in review.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId?.endsWith('no-restricted-imports') || m.ruleId === 'no-restricted-properties',
    )
    .map((m) => m.message);
}

describe('layer rules', () => {
  it('keeps Electron, main and renderer out of the gateway runtime', async () => {
    const messages = await restricted(
      'gateway-runtime/src/probe.ts',
      "import { app } from 'electron';\nimport { toIpcError } from '../../main/services/errors.js';\nexport const x = [app, toIpcError];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('keeps Electron out of services and lets main use only the gateway index', async () => {
    const messages = await restricted(
      'main/services/probe.ts',
      "import { app } from 'electron';\nimport { parseBundle } from '../../gateway-runtime/src/model/parse.js';\nexport const x = [app, parseBundle];\n",
    );
    expect(messages).toHaveLength(2);
    expect(
      await restricted(
        'main/services/probe.ts',
        "import { parseBundle } from '../../gateway-runtime/src/index.js';\nexport const x = parseBundle;\n",
      ),
    ).toEqual([]);
  });

  it('keeps Node and main (but the contract) out of the renderer', async () => {
    const messages = await restricted(
      'renderer/src/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { StudioError } from '../../main/services/errors';\nexport const x = [readFileSync, StudioError];\n",
    );
    expect(messages).toHaveLength(2);
    expect(
      await restricted(
        'renderer/src/probe.ts',
        "import type { ApiSummary } from '../../main/ipc/contract';\nexport type X = ApiSummary;\n",
      ),
    ).toEqual([]);
  });

  it('lets only the client touch the bridge, and the preload import only electron and the contract', async () => {
    expect(
      await restricted('renderer/src/probe.ts', 'export const b = window.portico;\n'),
    ).toHaveLength(1);
    expect(
      await restricted(
        'main/preload/probe.ts',
        "import { readFileSync } from 'node:fs';\nimport { contextBridge } from 'electron';\nexport const x = [readFileSync, contextBridge];\n",
      ),
    ).toHaveLength(1);
  });
});
