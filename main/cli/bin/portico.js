#!/usr/bin/env node
// The `portico` command (package.json "bin"): runs the TypeScript source through tsx,
// as `npm run start:web` does; the studio's services are not compiled separately.
const { register } = await import('tsx/esm/api');
register();
await import('../main.ts');
