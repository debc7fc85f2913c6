#!/usr/bin/env node
// Runs the compiled CLI when `npm run build -w @portico/gateway-runtime` has produced it
// (the Docker image, a published package); otherwise runs the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/bin/portico-gateway.js', import.meta.url));
if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./portico-gateway.ts');
}
