import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, loadDataset } from '@fanout/demo-upstream';
import { nginxConfig } from './nginx-config.js';
import { systemCommand } from './system-command.js';
import { makeTestCertificate } from './test-certificate.js';
import { waitUntilServing } from './wait-until-serving.js';

/** nginx serving the jsonplaceholder posts over HTTP and HTTPS on loopback. */
export interface NginxUpstream {
  /** `http://127.0.0.1:PORT`; posts at `/posts/1` to `/posts/100`. */
  readonly httpUrl: string;
  /** `https://127.0.0.1:PORT`, the same files. */
  readonly httpsUrl: string;
  /** The test certificate (PEM), for `NODE_EXTRA_CA_CERTS`. */
  readonly caFile: string;
  /**
   * How many distinct connections the HTTPS server served requests on since the last call
   * (nginx flushes its log when told to reopen it: SIGUSR1). Only with `countConnections`.
   */
  connectionsSinceLastCall(): Promise<number>;
  stop(): Promise<void>;
}

/** What the HTTPS server does besides serving the posts. */
export interface NginxOptions {
  /** Offer HTTP/2 by ALPN on the HTTPS server. @default false */
  readonly http2?: boolean;
  /** Log each HTTPS request's connection serial, for `connectionsSinceLastCall`. @default false */
  readonly countConnections?: boolean;
}

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  for (;;) {
    const second = await freePort();
    if (second !== first) return [first, second];
  }
}

/**
 * Starts Debian's nginx (installed with apt-get when missing) with a generated nginx.conf in a
 * temp dir: the posts of packages/demo-upstream/data as static files, the CPU-cheap upstream.
 * `addFiles` writes more files under the document root before nginx starts.
 */
export async function startNginx(workers = 1, addFiles?: (root: string) => void, options: NginxOptions = {}): Promise<NginxUpstream> {
  const nginx = systemCommand('nginx', 'nginx');
  const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers run as nobody when the master runs as root
  const root = join(dir, 'root');
  mkdirSync(join(root, 'posts'), { recursive: true });
  for (const [id, json] of loadDataset().json.posts) writeFileSync(join(root, 'posts', String(id)), json);
  addFiles?.(root);
  const { certFile, keyFile } = makeTestCertificate(dir);
  const [httpPort, httpsPort] = await twoFreePorts();
  const conf = join(dir, 'nginx.conf');
  const connectionLog = options.countConnections ? join(dir, 'connections.log') : undefined;
  writeFileSync(conf, nginxConfig({ dir, root, httpPort, httpsPort, certFile, keyFile, workers, http2: options.http2, connectionLog }));

  const child = spawn(nginx, ['-c', conf, '-p', dir, '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `nginx exited with ${code ?? signal}: ${errors.trim()}`));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (exit === undefined) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`${httpUrl}/posts/1`, () => exit);
  } catch (error) {
    await stop();
    throw error;
  }
  const connectionsSinceLastCall = async (): Promise<number> => {
    if (!connectionLog) throw new Error('startNginx: connectionsSinceLastCall needs { countConnections: true }');
    child.kill('SIGUSR1');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the workers reopen (and so flush) the log
    const serials = readFileSync(connectionLog, 'utf8').split('\n').filter(Boolean);
    truncateSync(connectionLog, 0);
    return new Set(serials).size;
  };
  return { httpUrl, httpsUrl: `https://127.0.0.1:${httpsPort}`, caFile: certFile, connectionsSinceLastCall, stop };
}
