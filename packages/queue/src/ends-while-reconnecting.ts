import type { Redis } from 'ioredis';
// ioredis's own close handling, the step `disconnect()` skips while a reconnect is pending.
import { closeHandler } from 'ioredis/built/redis/event_handler.js';

/**
 * Makes `client.disconnect()` end the client even while it waits to reconnect (Redis down,
 * or just restarted). ioredis 5 then only cancels the pending reconnect: the client stays
 * `reconnecting`, never emits `end` and never rejects the commands it holds (redis/ioredis#1247,
 * fix proposed in #2169). BullMQ's `Worker.close()` disconnects its blocking connection and
 * waits for `end` and for the pending BZPOPMIN: without this, a worker stopped in that window
 * waited forever. Here the client is closed as a manual disconnect with a socket would be:
 * status `end`, `end` emitted, held commands rejected ("Connection is closed.").
 */
export function endsWhileReconnecting(client: Redis): Redis {
  const disconnect = client.disconnect.bind(client);
  client.disconnect = (reconnect = false) => {
    const waitingToReconnect = !reconnect && client.status === 'reconnecting';
    disconnect(reconnect);
    if (waitingToReconnect) closeHandler(client)();
  };
  return client;
}

/** `connection` whose duplicates (BullMQ's blocking connection is one) end while reconnecting: {@link endsWhileReconnecting}. */
export function withDuplicatesEndingWhileReconnecting(connection: Redis): Redis {
  const duplicate = connection.duplicate.bind(connection);
  connection.duplicate = (override) => endsWhileReconnecting(duplicate(override));
  return connection;
}
