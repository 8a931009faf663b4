import { TransportNotInstalledError } from '../errors/transport-not-installed-error.js';
import type { Transport, TransportRequest } from './transport.js';
import type { TransportOptions } from './transport-options.js';

/** The transports that are packages of their own: the package and the factory it exports. */
const PACKAGES = {
  undici: { packageName: '@fanout/undici', factory: 'undiciTransport' },
  axios: { packageName: '@fanout/axios', factory: 'axiosTransport' },
} as const;

type TransportFactory = (options: TransportOptions) => Transport;

/**
 * The `undici` or `axios` transport, its package imported by name when the first request is sent
 * (so naming it costs nothing until then, and core depends on neither). A package that is not
 * installed fails every request with `TransportNotInstalledError` (`ETRANSPORTMISSING`), which
 * names the package to install. The name is not a literal, so bundlers leave the import to Node.
 */
export function loadTransportPackage(name: keyof typeof PACKAGES, options: TransportOptions): Transport {
  const { packageName, factory } = PACKAGES[name];
  let loading: Promise<Transport> | undefined;
  const load = (): Promise<Transport> =>
    (loading ??= import(packageName).then(
      (module: Record<string, unknown>) => (module[factory] as TransportFactory)(options),
      (error: unknown) => {
        throw isMissing(error, packageName) ? new TransportNotInstalledError(name, packageName, { cause: error }) : error;
      },
    ));
  return {
    name,
    send: async (req) => (await loaded(load, req)).send(req),
    stream: async (req) => {
      const transport = await loaded(load, req);
      if (transport.stream === undefined) throw new TypeError(`${packageName} cannot stream bodies`);
      return transport.stream(req);
    },
    close: async () => {
      if (loading !== undefined) await (await loading.catch(() => undefined))?.close();
    },
  };
}

/** The transport once loaded; rejects with the abort's reason instead if the attempt ended meanwhile (nothing is sent). */
async function loaded(load: () => Promise<Transport>, req: TransportRequest): Promise<Transport> {
  let aborted: Error | undefined;
  const off = req.onAbort((reason) => (aborted = reason));
  try {
    const transport = await load();
    if (aborted !== undefined) throw aborted;
    return transport;
  } finally {
    off();
  }
}

/** Whether `error` says `packageName` itself could not be found (not one of its own imports). */
function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(`'${packageName}'`);
}
