/**
 * Several `portico-gateway` nodes as one cluster through Redis: shared rate counters
 * (the failover store over the Redis store) and a pub/sub channel on which each node
 * announces the in-place admin edits it made — denylist changes, subscription plan
 * and status changes, throttle resets — for every other node to replay at once.
 *
 * Pub/sub is fire-and-forget: an edit made while Redis is unreachable stays on the
 * node that took it (the studio's next deploy brings every node to the same state).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FailoverCounterStore, logErrorsOnce } from '../limits/failover-store.js';
import type { Logger } from '../logger.js';
import type { ControlEdit } from '../runtime/control.js';
import { counterKeys } from '../stores/counter-store.js';
import type { MemoryCounterStore } from '../stores/memory.js';
import { createRedisClient, RedisCounterStore, type RedisConnectOptions } from '../stores/redis.js';
import { decodeMessage, encodeMessage, type SyncMessage } from './messages.js';

/** How a gateway joins a cluster. */
export interface ClusterOptions extends RedisConnectOptions {
  /** Namespaces counter keys and the sync channel, so several clusters can share one Redis (default `portico`). */
  cluster?: string;
}

export interface ClusterDeps {
  /** Counts while Redis is unreachable. */
  local: MemoryCounterStore;
  logger: Logger;
  /** Replays another node's edit on this node. */
  applyEdit(edit: ControlEdit): boolean;
  /** Told when the shared counters go up or down. */
  onStatus?: (up: boolean) => void;
}

export class RedisCluster {
  /** This node's id in sync messages. */
  readonly nodeId = randomUUID();
  readonly counters: FailoverCounterStore;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly subscribed: Promise<boolean>;

  constructor(
    options: ClusterOptions,
    private readonly deps: ClusterDeps,
  ) {
    const namespace = options.cluster ?? 'portico';
    this.channel = `${namespace}:sync`;
    this.publisher = createRedisClient(options);
    this.counters = new FailoverCounterStore(
      new RedisCounterStore(this.publisher, { keyPrefix: `${namespace}:c:` }),
      deps.local,
      {
        logger: deps.logger,
        ...(deps.onStatus && { onChange: deps.onStatus }),
      },
    );
    // The subscriber waits for a connection as long as it takes (it serves no request);
    // once subscribed, ioredis resubscribes after every reconnect by itself.
    this.subscriber = this.publisher.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
    logErrorsOnce(this.subscriber, deps.logger, 'redis subscriber error');
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) void this.receive(raw);
    });
    let listening = false;
    let onSubscribed: () => void = () => undefined;
    this.subscribed = new Promise<boolean>((resolve) => (onSubscribed = () => resolve(true)));
    const subscribe = () => {
      if (listening) return;
      this.subscriber.subscribe(this.channel).then(
        () => {
          listening = true;
          onSubscribed();
        },
        (error: unknown) =>
          deps.logger.warn('could not subscribe to cluster edits; retrying on reconnect', {
            error: String(error),
          }),
      );
    };
    this.subscriber.on('ready', subscribe);
    subscribe();
  }

  /** True while counters are shared. */
  get up(): boolean {
    return this.counters.up;
  }

  /** Waits (at most `timeoutMs`) until counters are shared and this node listens for edits. */
  async ready(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
    );
    const both = Promise.all([this.counters.whenUp(timeoutMs), this.subscribed]).then(
      ([up, subscribed]) => up && subscribed,
    );
    try {
      return await Promise.race([both, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Announces an edit made on this node. Never throws: the edit already applied here. */
  publish(message: SyncMessage): void {
    if (!this.counters.up) {
      this.deps.logger.warn('redis unavailable: this edit reaches no other node', {
        type: message.type,
      });
      return;
    }
    this.publisher
      .publish(this.channel, encodeMessage(this.nodeId, message))
      .catch((error: unknown) => {
        this.deps.logger.warn('could not announce an edit to other nodes', {
          type: message.type,
          error: String(error),
        });
      });
  }

  async close(): Promise<void> {
    // A subscriber has nothing to flush, and QUIT could wait forever on a Redis that is down.
    this.subscriber.disconnect();
    await this.counters.close();
  }

  private async receive(raw: string): Promise<void> {
    const decoded = decodeMessage(raw);
    if (!decoded.ok) {
      this.deps.logger.warn('ignored an invalid sync message', { reason: decoded.reason });
      return;
    }
    if (decoded.node === this.nodeId) return;
    const { message } = decoded;
    try {
      if (message.type === 'throttle.reset') {
        // The sender cleared the shared counters; what this node counted alone goes too.
        await this.counters.local.deleteByPrefix(
          counterKeys.applicationPrefix(message.applicationId),
        );
      } else if (!this.deps.applyEdit(message)) {
        this.deps.logger.info('a sync edit does not apply to this deployment', {
          type: message.type,
        });
      }
    } catch (error) {
      this.deps.logger.warn('could not apply a sync edit', {
        type: message.type,
        error: String(error),
      });
    }
  }
}
