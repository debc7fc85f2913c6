/**
 * Builds the three parts of the studio with electron-vite:
 * - main: `out/main/index.js` (lifecycle) and `out/main/gateway.js`, the gateway
 *   child the studio runs in a utilityProcess; npm dependencies stay external
 *   (better-sqlite3 is native and must be loaded from node_modules).
 * - preload: `out/preload/index.cjs`, CommonJS with zod bundled in, since a
 *   sandboxed preload can require nothing but `electron`.
 * - renderer: `out/renderer`, the React app (also what the web host serves).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string): string => resolve(root, path);

/**
 * Vite's dev server injects an inline script (React Fast Refresh) and talks over a
 * websocket, both of which the production CSP forbids. Only while serving, relax
 * the meta tag for exactly those two; built output keeps the strict policy.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'portico:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta\b[^>]*Content-Security-Policy[^>]*>/i, (tag) =>
        tag
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
      );
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        input: {
          index: at('main/index.ts'),
          gateway: at('gateway-runtime/src/child.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // Bundle zod (and anything else) into the one file a sandboxed preload can load.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react(), devCspPlugin()],
    build: {
      outDir: at('out/renderer'),
      // Monaco is large: minifying roughly halves what the web host serves.
      minify: true,
      rolldownOptions: { input: { index: at('renderer/index.html') } },
    },
  },
});
