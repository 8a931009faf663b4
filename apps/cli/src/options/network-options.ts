import { Option, type Command } from 'commander';
import type { TransportName } from '@fanout/core';
import { integer } from './parsers.js';
import { CORE_DEFAULTS } from './core-constants.js';

/** The built-in transports (core's `TransportName`), listed here so that --help loads no HTTP client. */
export const TRANSPORTS = ['http1', 'undici', 'axios'] as const satisfies readonly TransportName[];

/** How requests reach the network: client, proxy, TLS. */
export interface NetworkFlags {
  readonly transport: TransportName;
  /** `--http1.1`: offer only HTTP/1.1 over TLS (commander keeps the flag's name as the key). */
  readonly 'http1.1'?: boolean;
  readonly proxy?: string;
  readonly noproxy?: string;
  readonly insecure?: boolean;
  readonly cacert?: string;
  readonly cert?: string;
  readonly key?: string;
  /** `--speed-limit`: bytes per second below which a download fails (core `speedLimit`). */
  readonly speedLimit?: number;
  /** `--speed-time`: seconds the speed is averaged over (core `speedTime`). */
  readonly speedTime?: number;
}

/** Adds the Network/TLS group. */
export function addNetworkOptions(command: Command): Command {
  return command
    .optionsGroup('Network/TLS:')
    .addOption(new Option('--transport <name>', 'HTTP client under the core').choices(TRANSPORTS).default('http1').env('FANOUT_TRANSPORT'))
    .option('--http1.1', 'speak only HTTP/1.1 (default over TLS: HTTP/2 when the server offers it)')
    .option('-x, --proxy <url>', 'HTTP proxy for every request (https through CONNECT); default: HTTP_PROXY, HTTPS_PROXY, NO_PROXY')
    .option('--noproxy <hosts>', "hosts that bypass the proxy, e.g. 'localhost,.example.org'")
    .option('-k, --insecure', 'do not verify the server certificate')
    .option('--cacert <file>', 'extra trusted CA certificates (PEM)')
    .option('--cert <file>', 'client certificate (PEM) for mutual TLS')
    .option('--key <file>', 'private key (PEM) of --cert');
}

/** Adds curl's low-speed limit of downloads (`run` only: a worker stores no files), after the Network/TLS group. */
export function addSpeedOptions(command: Command): Command {
  return command
    .option('--speed-limit <bytes>', `with --output-dir: a body slower than this many bytes/s over --speed-time fails (ELOWSPEED); 0 turns it off (default ${CORE_DEFAULTS.speedLimit})`, integer(0, Number.MAX_SAFE_INTEGER))
    .option('--speed-time <s>', `with --output-dir: seconds --speed-limit is measured over (default ${CORE_DEFAULTS.speedTime})`, integer(1, 86_400));
}
