/**
 * A tiny backend for the walk-through: answers under /prod and /sandbox so you can
 * see which endpoint a key type reached, and echoes the forwarding headers.
 *   npx tsx gateway-runtime/examples/petstore-backend.ts [port]
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 9000);
const pets = [
  { id: 1, name: 'Rex', kind: 'dog' },
  { id: 2, name: 'Tom', kind: 'cat' },
];

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://backend');
  const [, environment, ...rest] = url.pathname.split('/');
  const path = `/${rest.join('/')}`;
  const body = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const seen = {
    environment,
    requestId: req.headers['x-request-id'],
    forwardedFor: req.headers['x-forwarded-for'],
  };
  if (path === '/pets' && req.method === 'GET') return body(200, { pets, seen });
  if (path === '/pets' && req.method === 'POST') {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      let input: { name?: unknown; kind?: unknown } = {};
      try {
        input = JSON.parse(text || '{}') as typeof input;
      } catch {
        return body(400, { error: 'the body is not JSON' });
      }
      const pet = {
        id: pets.length + 1,
        name: String(input.name ?? 'unnamed'),
        kind: String(input.kind ?? 'unknown'),
      };
      pets.push(pet);
      body(201, { pet, seen });
    });
    return;
  }
  const match = /^\/pets\/(\d+)$/.exec(path);
  if (match && req.method === 'GET') {
    const pet = pets.find((p) => p.id === Number(match[1]));
    return pet ? body(200, { pet, seen }) : body(404, { error: 'no such pet' });
  }
  if (path === '/health') return body(200, { status: 'up' });
  body(404, { error: 'not found', path });
}).listen(port, '127.0.0.1', () =>
  process.stdout.write(`petstore backend on http://127.0.0.1:${port}\n`),
);
