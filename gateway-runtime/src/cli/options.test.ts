import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './options.js';

describe('parseCliArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseCliArgs([])).toEqual({
      ok: true,
      options: {
        bundleFile: null,
        host: '127.0.0.1',
        port: 8280,
        https: null,
        adminHost: '127.0.0.1',
        adminPort: 9090,
        adminToken: null,
        dataDir: null,
        redis: null,
        help: false,
      },
    });
  });

  it('reads every flag, HTTPS defaulting to 8243, and the token from the environment', () => {
    const result = parseCliArgs(
      [
        '--bundle',
        'b.yaml',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--tls-cert',
        'c.pem',
        '--tls-key',
        'k.pem',
        '--client-ca',
        'ca.pem',
        '--admin-port',
        '9191',
        '--admin-host',
        '::1',
        '--data-dir',
        '/tmp/d',
        '--redis',
        'redis://10.0.0.5:6380/2',
      ],
      { PORTICO_ADMIN_TOKEN: 'from-env' },
    );
    expect(result).toEqual({
      ok: true,
      options: {
        bundleFile: 'b.yaml',
        host: '0.0.0.0',
        port: 0,
        https: { port: 8243, certFile: 'c.pem', keyFile: 'k.pem', clientCaFile: 'ca.pem' },
        adminHost: '::1',
        adminPort: 9191,
        adminToken: 'from-env',
        dataDir: '/tmp/d',
        redis: 'redis://10.0.0.5:6380/2',
        help: false,
      },
    });
    expect(parseCliArgs(['--admin-token', 'flag'], { PORTICO_ADMIN_TOKEN: 'env' })).toMatchObject({
      options: { adminToken: 'flag' },
    });
  });

  it.each([
    [['--port', '70000'], '--port must be a port number'],
    // parseArgs wording varies across Node versions: match on the flag it names.
    [['--admin-port', '-1'], '--admin-port'],
    [['--https-port', '8443'], '--https-port and --client-ca need --tls-cert and --tls-key'],
    [['--tls-key', 'k.pem'], '--tls-cert and --tls-key go together'],
    [['--bundle'], '--bundle'],
    [['extra'], 'extra'],
    [['--data-dir', ''], '--data-dir must not be empty'],
    [['--redis', 'localhost:6379'], '--redis must be a redis:// or rediss:// URL'],
    [['--redis', 'http://127.0.0.1:6379'], '--redis must be a redis:// or rediss:// URL'],
    [['--redis'], '--redis'],
  ])('rejects %j', (args, message) => {
    const result = parseCliArgs(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
