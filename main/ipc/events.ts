/**
 * Push events from main to the renderer. Services report through their own
 * `onChanged`/`onStatus`; this hub gives both bridges (Electron windows and the
 * web host's `/events` streams) one typed feed to forward.
 */
import type {
  EnvironmentProgress,
  EventName,
  EventPayload,
  GatewayStatus,
  SseEvent,
  WorkspaceInfo,
} from './contract.js';

/** One push event with its payload, typed by name. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export interface EventHub {
  publish<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<(message: EventMessage) => void>();
  return {
    publish(event, payload) {
      const message = { event, payload } as EventMessage;
      // Copy first: a listener may unsubscribe (a closing SSE stream) while we iterate.
      for (const listener of [...listeners]) {
        try {
          listener(message);
        } catch {
          // One broken consumer (a destroyed window) must not starve the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The services' event sources, as `createStudioServices` provides them. */
export interface EventSources {
  workspace: { onChanged(listener: (info: WorkspaceInfo) => void): () => void };
  gateway: { onStatus(listener: (status: GatewayStatus) => void): () => void };
  traffic: {
    onEntries(listener: (rows: EventPayload<'traffic.entry'>['rows']) => void): () => void;
  };
  environments: { onProgress(listener: (progress: EnvironmentProgress) => void): () => void };
  console: { onStream(listener: (streamId: string, event: SseEvent) => void): () => void };
}

/** Forwards the services' events into the hub; returns the function that disconnects them. */
export function connectServiceEvents(services: EventSources, hub: EventHub): () => void {
  const offs = [
    services.workspace.onChanged((info) => hub.publish('workspace.changed', info)),
    services.gateway.onStatus((status) => hub.publish('gateway.status', status)),
    services.traffic.onEntries((rows) => hub.publish('traffic.entry', { rows })),
    services.environments.onProgress((progress) => hub.publish('environments.progress', progress)),
    services.console.onStream((streamId, event) =>
      hub.publish('console.stream', { streamId, event }),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
