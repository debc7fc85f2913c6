import { describe, expect, it, vi } from 'vitest';
import { connectServiceEvents, createEventHub } from './events.js';
import type { EventMessage } from './events.js';
import { createFakeServices, stoppedGateway } from './testing.js';

describe('event hub', () => {
  it('forwards service events under their contract names until disconnected', async () => {
    const services = createFakeServices();
    const hub = createEventHub();
    const seen: EventMessage[] = [];
    hub.subscribe((message) => seen.push(message));
    const disconnect = connectServiceEvents(services, hub);

    await services.workspace.open('/tmp/one');
    services.emitStatus({ ...stoppedGateway, state: 'starting' });
    expect(seen.map((m) => m.event)).toEqual(['workspace.changed', 'gateway.status']);
    expect(seen[1]?.payload).toMatchObject({ state: 'starting' });

    disconnect();
    services.emitStatus(stoppedGateway);
    expect(seen).toHaveLength(2);
  });

  it('keeps delivering to the other listeners when one throws or unsubscribes', () => {
    const hub = createEventHub();
    const good = vi.fn();
    hub.subscribe(() => {
      throw new Error('destroyed window');
    });
    const off = hub.subscribe(good);
    hub.publish('app.command', { command: 'theme.toggle' });
    off();
    hub.publish('app.command', { command: 'api.new' });
    expect(good).toHaveBeenCalledTimes(1);
    expect(good).toHaveBeenCalledWith({
      event: 'app.command',
      payload: { command: 'theme.toggle' },
    });
  });
});
