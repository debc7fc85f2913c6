import { EventEmitter, once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { ForkOptions, UtilityProcess } from 'electron';

vi.mock('electron', () => ({ utilityProcess: { fork: () => undefined } }));
const { createElectronGatewayLauncher } = await import('./gateway-launcher.js');

class FakeChild extends EventEmitter {
  stdout = new PassThrough();
  stderr = new PassThrough();
  posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed += 1;
    return true;
  }
}

function setup() {
  const child = new FakeChild();
  const calls: Array<{ path: string; args: string[]; options: ForkOptions }> = [];
  const lines: string[] = [];
  const launcher = createElectronGatewayLauncher({
    modulePath: '/app/out/main/gateway.js',
    output: (line) => lines.push(line),
    fork: (path, args, options) => {
      calls.push({ path, args, options });
      return child as unknown as UtilityProcess;
    },
  });
  return { child, calls, launcher, lines };
}

describe('createElectronGatewayLauncher', () => {
  it('forks the built gateway child with the args and the merged environment', () => {
    const { calls, launcher } = setup();
    launcher.launch(['--port', '8280'], { PORTICO_ADMIN_TOKEN: 't' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/app/out/main/gateway.js');
    expect(calls[0]?.args).toEqual(['--port', '8280']);
    const env = calls[0]?.options.env as Record<string, string | undefined> | undefined;
    expect(env?.PORTICO_ADMIN_TOKEN).toBe('t');
    expect(env?.PATH).toBe(process.env.PATH);
    expect(calls[0]?.options.serviceName).toBe('Portico Gateway');
  });

  it('relays messages and the exit code, and stops sending once the child is gone', () => {
    const { child, launcher } = setup();
    const gateway = launcher.launch([], {});
    const messages: unknown[] = [];
    const exits: Array<number | null> = [];
    gateway.onMessage((m) => messages.push(m));
    gateway.onExit((code) => exits.push(code));
    child.emit('message', { type: 'listening', url: 'http://127.0.0.1:8280' });
    gateway.send?.({ type: 'deploy' });
    child.emit('exit', 3);
    gateway.send?.({ type: 'late' });
    gateway.kill();
    expect(messages).toEqual([{ type: 'listening', url: 'http://127.0.0.1:8280' }]);
    expect(exits).toEqual([3]);
    expect(child.posted).toEqual([{ type: 'deploy' }]);
    expect(child.killed).toBe(0);
  });

  it("passes the gateway's log lines on", async () => {
    const { child, launcher, lines } = setup();
    launcher.launch([], {});
    child.stderr.write('{"level":"info","msg":"listening"}\npartial');
    child.stderr.end(' line\n');
    await once(child.stderr, 'end');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(['{"level":"info","msg":"listening"}', 'partial line']);
  });

  it('kills a running child', () => {
    const { child, launcher } = setup();
    launcher.launch([], {}).kill();
    expect(child.killed).toBe(1);
  });
});
