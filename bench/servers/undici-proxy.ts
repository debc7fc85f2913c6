/**
 * The Node floor: the smallest honest reverse proxy on undici (a keep-alive Pool,
 * bodies streamed both ways, hop-by-hop headers dropped). A Node gateway cannot be
 * faster than this; the gap to it is what the gateway's features cost.
 * Usage: undici-proxy.ts UPSTREAM_ORIGIN [port]; prints `listening http://127.0.0.1:PORT`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'host',
]);
const forward = (h: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !hopByHop.has(k)));
const pool = new Pool(process.argv[2] ?? 'http://127.0.0.1:9000', {
  connections: 128,
  keepAliveTimeout: 120_000,
});

const server = createServer((req, res) => {
  const method = (req.method ?? 'GET') as Dispatcher.HttpMethod;
  const body = method === 'GET' || method === 'HEAD' ? null : req;
  pool
    .stream(
      { path: req.url ?? '/', method, headers: forward(req.headers), body },
      ({ statusCode, headers }) => {
        res.writeHead(statusCode, forward(headers as IncomingHttpHeaders));
        return res;
      },
    )
    .catch(() => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
});
server.keepAliveTimeout = 120_000;
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `listening http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  );
});
process.once('SIGTERM', () =>
  server.close(() => void pool.close().then(() => process.exit(0))).closeAllConnections(),
);
