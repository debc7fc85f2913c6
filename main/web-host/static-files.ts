/**
 * Serves the built renderer (`out/renderer`) to the browser: the right MIME type
 * for every file Vite emits, the SPA's index.html for extension-less paths, and
 * nothing outside the renderer folder (neither by `..` nor through a symlink).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function mimeType(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticOutcome = 'served' | 'not-found' | 'forbidden';

/**
 * Resolves `pathname` (still percent-encoded) inside `root`; `null` when it
 * would leave the root or cannot be decoded.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const target = resolve(join(base, decoded));
  if (target !== base && !target.startsWith(base + sep)) return null;
  return target;
}

async function regularFile(
  path: string,
  realRoot: string,
): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(path);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    if (info.isDirectory()) return regularFile(join(real, 'index.html'), realRoot);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/**
 * Answers a GET or HEAD for a static file. Headers common to every response
 * (CSP, nosniff) are set by the caller before this runs.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<StaticOutcome> {
  const target = resolveInside(root, pathname);
  if (target === null) return 'forbidden';
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return 'not-found';
  }
  let file = await regularFile(target, realRoot);
  // A client-side route (`/apis/PetStore-1.0.0`) gets the app; a missing asset
  // (a type we serve) stays a 404 rather than HTML that would fail as script.
  if (!file && !Object.hasOwn(mimeTypes, extname(target).toLowerCase()))
    file = await regularFile(join(realRoot, 'index.html'), realRoot);
  if (!file) return 'not-found';

  res.statusCode = 200;
  res.setHeader('Content-Type', mimeType(file.path));
  res.setHeader('Content-Length', file.size);
  // Every build may change any file; the renderer is local, so revalidating costs nothing.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return 'served';
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file.path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
  return 'served';
}
