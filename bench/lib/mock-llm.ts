/**
 * A mock OpenAI-style vendor for the streaming bench, run as its own process:
 * `node --import tsx bench/lib/mock-llm.ts --chunks 500` prints
 * `listening http://127.0.0.1:<port>`. `POST .../chat/completions` with
 * `"stream": true` answers an SSE stream of `--chunks` content events in the
 * recorded OpenAI stream's shape (shared/fixtures/llm/openai), each written as its
 * own chunk, then the usage chunk when `stream_options.include_usage` asks for it,
 * then `[DONE]`. Events are prepared once so the vendor's own cost is a write per chunk.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const fixture = new URL(
  '../../../shared/fixtures/llm/openai/openai-text.chunks.txt',
  import.meta.url,
);

/** The SSE events of one completion: `chunks` content events (the recording's, repeated), then usage. */
export function completionEvents(chunks: number): {
  content: Buffer[];
  usage: Buffer;
  done: Buffer;
} {
  const lines = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const contentLines = lines.filter((l) => l.includes('"delta":{"content"'));
  const usageLine = lines.find((l) => l.includes('"choices":[]'));
  if (contentLines.length === 0 || !usageLine)
    throw new Error(`${fixture.pathname}: unexpected shape`);
  const content = Array.from({ length: chunks }, (_, i) =>
    Buffer.from(`data: ${contentLines[i % contentLines.length]}\n\n`),
  );
  const usage = JSON.parse(usageLine) as { usage: Record<string, unknown> };
  usage.usage['completion_tokens'] = chunks;
  usage.usage['total_tokens'] = chunks + 16;
  return {
    content,
    usage: Buffer.from(`data: ${JSON.stringify(usage)}\n\n`),
    done: Buffer.from('data: [DONE]\n\n'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { chunks: { type: 'string', default: '500' } } });
  const events = completionEvents(Number(values.chunks));
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      let includeUsage = false;
      try {
        const json = JSON.parse(Buffer.concat(body).toString('utf8')) as {
          stream_options?: { include_usage?: boolean };
        };
        includeUsage = json.stream_options?.include_usage === true;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end('{"error":"body must be JSON"}');
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let i = 0;
      // One write per event, yielding between writes so each leaves as its own chunk.
      const next = (): void => {
        if (res.destroyed) return;
        if (i < events.content.length) {
          res.write(events.content[i]);
          i += 1;
          setImmediate(next);
          return;
        }
        if (includeUsage) res.write(events.usage);
        res.end(events.done);
      };
      next();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
