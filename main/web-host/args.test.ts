import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError, parseWebHostArgs } from './args.js';

const defaults = { cwd: '/home/me/work', rendererDir: '/repo/out/renderer' };

describe('parseWebHostArgs', () => {
  it('has the documented defaults', () => {
    expect(parseWebHostArgs([], {}, defaults)).toEqual({
      port: 0,
      workspace: undefined,
      userData: join(homedir(), '.config', 'portico-web'),
      gatewayPort: 8280,
      sampleWorkspace: join(homedir(), '.config', 'portico-web', 'Sample'),
      rendererDir: '/repo/out/renderer',
      help: false,
    });
  });

  it('takes user data from PORTICO_USER_DATA, and the flag over it', () => {
    expect(parseWebHostArgs([], { PORTICO_USER_DATA: '/data' }, defaults).userData).toBe('/data');
    expect(
      parseWebHostArgs(['--user-data', 'here'], { PORTICO_USER_DATA: '/data' }, defaults).userData,
    ).toBe('/home/me/work/here');
  });

  it('resolves every path against the working directory', () => {
    const args = parseWebHostArgs(
      [
        '--workspace',
        'ws',
        '--sample-workspace',
        '../s',
        '--renderer-dir',
        'r',
        '--port',
        '4000',
        '--gateway-port',
        '0',
      ],
      {},
      defaults,
    );
    expect(args).toMatchObject({
      workspace: '/home/me/work/ws',
      sampleWorkspace: '/home/me/s',
      rendererDir: '/home/me/work/r',
      port: 4000,
      gatewayPort: 0,
    });
  });

  it('names the flag and what is valid', () => {
    expect(() => parseWebHostArgs(['--port', 'abc'], {}, defaults)).toThrow(
      /^--port: expected a port number/,
    );
    expect(() => parseWebHostArgs(['--gateway-port', '70000'], {}, defaults)).toThrow(
      '--gateway-port: expected a port from 0 to 65535',
    );
    expect(() => parseWebHostArgs(['--nope'], {}, defaults)).toThrow(ArgsError);
    expect(() => parseWebHostArgs(['stray'], {}, defaults)).toThrow(ArgsError);
  });
});
