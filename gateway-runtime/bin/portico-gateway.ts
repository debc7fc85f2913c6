/**
 * `portico-gateway`: parses flags, starts the gateway, prints one line per
 * listener, and on SIGTERM/SIGINT closes it gracefully (in-flight requests finish,
 * analytics are flushed). A bad flag or bundle exits non-zero with what is wrong.
 */
import { parseCliArgs, usage } from '../src/cli/options.js';
import { StartError, startFromOptions } from '../src/cli/start.js';
import { jsonLineLogger } from '../src/logger.js';

const parsed = parseCliArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  process.stderr.write(`portico-gateway: ${parsed.message}\n\n${usage}`);
  process.exit(2);
}
if (parsed.options.help) {
  process.stdout.write(usage);
  process.exit(0);
}

try {
  const { gateway, lines } = await startFromOptions(parsed.options, jsonLineLogger());
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`portico-gateway: ${signal}, shutting down\n`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`portico-gateway: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Only now announce the listeners: writes to a pipe are synchronous, so whoever reads
  // these lines may signal at once, and the handlers must already be there.
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  process.stderr.write(
    `portico-gateway: ${error instanceof StartError ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
