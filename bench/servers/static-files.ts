/**
 * The cold-start peer: a plain static file server for the built renderer, the least
 * any host must do before the same bundle can render.
 * Usage: static-files.ts DIR [port]; prints `listening http://127.0.0.1:PORT`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const root = process.argv[2] ?? '.';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = join(root, normalize(path === '/' ? '/index.html' : path));
  if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile())
    return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `listening http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  );
});
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
