import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, formatIssues, isChannelName } from './dispatch.js';
import type { Handlers } from './dispatch.js';
import { createHandlers } from './handlers.js';
import { createFakeServices } from './testing.js';
import { channelNames } from './contract.js';
import { StudioError } from '../services/errors.js';

function setup(overrides: Partial<Handlers> = {}) {
  const services = createFakeServices();
  const log = vi.fn();
  const handlers = {
    ...createHandlers({
      services,
      pickFolder: async () => null,
      openExternal: async () => undefined,
    }),
    ...overrides,
  };
  return { services, log, dispatch: createDispatcher(handlers, { log }) };
}

describe('createDispatcher', () => {
  it('rejects a channel the contract does not declare, including prototype keys', async () => {
    const { dispatch } = setup();
    for (const name of ['nope.nothing', 'toString', '__proto__', 'constructor']) {
      const result = await dispatch(name, {});
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: expect.stringContaining(name) },
      });
    }
  });

  it('names the field path and what would be valid when a request does not match', async () => {
    const { dispatch } = setup();
    expect(await dispatch('workspace.open', {})).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'path: a folder path is required' },
    });
    expect(await dispatch('workspace.open', { path: '' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'path: a folder path is required' },
    });
    const nested = await dispatch('apis.updateSettings', { id: 'a', endpoints: { production: 5 } });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.error.message).toMatch(/^endpoints\.production: /);
  });

  it('refuses unknown keys on strict requests and a non-object request', async () => {
    const { dispatch } = setup();
    const extra = await dispatch('app.info', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const wrongShape = await dispatch('workspace.open', 'not an object');
    expect(wrongShape).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^request: /) },
    });
  });

  it('treats a missing request as an empty one', async () => {
    const { dispatch } = setup();
    const result = await dispatch('app.info', undefined);
    expect(result).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
  });

  it('round-trips a valid call through the handler', async () => {
    const { dispatch } = setup();
    const opened = await dispatch('workspace.open', { path: '/tmp/ws' });
    expect(opened).toMatchObject({ ok: true, value: { root: '/tmp/ws', name: 'ws' } });
    expect(await dispatch('workspace.current', {})).toMatchObject({
      ok: true,
      value: { root: '/tmp/ws' },
    });
    expect(await dispatch('workspace.pickFolder', { mode: 'open' })).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('maps a StudioError to its code and message, and anything else to INTERNAL', async () => {
    const { dispatch, log } = setup({
      'gateway.restart': async () => {
        throw new StudioError('GATEWAY_UNAVAILABLE', 'The gateway did not start');
      },
      'gateway.status': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch('gateway.restart', {})).toEqual({
      ok: false,
      error: { code: 'GATEWAY_UNAVAILABLE', message: 'The gateway did not start' },
    });
    expect(await dispatch('gateway.status', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(log).toHaveBeenCalledWith('error', 'gateway.status: boom');
    expect(await dispatch('apis.get', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses a response outside the contract and strips fields it does not declare', async () => {
    const { dispatch, log } = setup({
      // A handler that breaks its contract: the cast stands for a service bug.
      'workspace.recent': async () => [{ path: '/x' }] as never,
      'app.info': async () =>
        ({
          version: '1',
          host: 'web',
          platform: 'linux',
          userDataPath: '/u',
          secret: 'leak',
        }) as never,
    });
    const bad = await dispatch('workspace.recent', {});
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('0.name') },
    });
    expect(log).toHaveBeenCalled();
    const stripped = await dispatch('app.info', {});
    expect(stripped).toEqual({
      ok: true,
      value: { version: '1', host: 'web', platform: 'linux', userDataPath: '/u' },
    });
  });
});

describe('formatIssues and isChannelName', () => {
  it('joins several issues and falls back to "request" for the root', () => {
    expect(
      formatIssues([
        { code: 'custom', path: ['a', 0, 'b'], message: 'bad', input: 1 },
        { code: 'custom', path: [], message: 'worse', input: 1 },
      ]),
    ).toBe('a.0.b: bad; request: worse');
  });

  it('knows every contract channel and nothing else', () => {
    for (const name of channelNames) expect(isChannelName(name)).toBe(true);
    expect(isChannelName('hasOwnProperty')).toBe(false);
  });
});
