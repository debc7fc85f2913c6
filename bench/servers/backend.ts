/**
 * The one backend every gateway row proxies to: node:http with keep-alive, a fixed
 * small JSON answer, no work per request, so the figures measure the proxies.
 * Usage: backend.ts [port]; prints `listening http://127.0.0.1:PORT`.
 */
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ id: 1, name: 'Kit', kind: 'cat', tags: ['bench'] }));
const server = createServer((req, res) => {
  req.resume();
  req.once('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
// Proxies keep upstream sockets open between runs; never drop them under a client.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `listening http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  );
});
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
