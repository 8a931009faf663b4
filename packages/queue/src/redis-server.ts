import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * The port (to restart a server where it was).
   * @default a free loopback port
   */
  readonly port?: number;
  /**
   * Persist with an append-only file (`appendonly yes`, fsync every second) in `dir`.
   * @default undefined (no persistence)
   */
  readonly appendOnlyDir?: string;
}

/** A redis-server started by {@link startRedisServer}. */
export interface RunningRedisServer {
  /** `redis://127.0.0.1:PORT/0` */
  readonly url: string;
  readonly port: number;
  /** redis-server's process id (its RSS is in `/proc/PID/status`). */
  readonly pid: number;
  /** Kills it with SIGKILL, as a crash would. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway `redis-server` (from the system, e.g. Debian's package) on a loopback
 * port, without persistence unless asked: for tests and benchmarks. `stop()` kills it with
 * SIGKILL, as a crash would.
 *
 * @example
 * const redis = await startRedisServer();
 * await enqueueJob(redis.url, 'job', urls);
 * await redis.stop();
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedisServer> {
  const port = options.port ?? (await freePort());
  const persistence = options.appendOnlyDir === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', options.appendOnlyDir];
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}/0`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let tries = 0; ; tries++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  probe.disconnect();
  return {
    url,
    port,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
