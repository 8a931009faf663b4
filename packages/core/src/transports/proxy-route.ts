import { redactUrl } from '../base/redact-url.js';
import type { TransportOptions } from './transport-options.js';

/** The proxy to send a request for this origin (`https://host:port`) through, or undefined to go direct. */
export type ProxyRoute = (origin: string) => URL | undefined;

interface NoProxyEntry {
  readonly host: string;
  /** 0: any port. */
  readonly port: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };
const CACHE_LIMIT = 1000;

/** `Proxy-Authorization` for a proxy URL with credentials (`http://user:pass@proxy:3128`). */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (proxy.username === '' && proxy.password === '') return undefined;
  return `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseProxyUrl(value: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new RangeError(`${source} must be an http:// proxy URL, got ${JSON.stringify(redactUrl(value))}`);
  }
  if (url.protocol !== 'http:') throw new RangeError(`${source} must be an http:// proxy URL, got ${JSON.stringify(redactUrl(value))}`);
  return url;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Parses a `NO_PROXY` list: `host`, `.domain`, `*.domain`, `host:port`, `[::1]:port`, or `*`. */
function parseNoProxy(list: string): readonly NoProxyEntry[] | '*' {
  const entries: NoProxyEntry[] = [];
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return '*';
    const withPort = /^(.+?):(\d+)$/.exec(entry);
    const host = withPort && !/^[^[]*:.*:/.test(entry) ? (withPort[1] as string) : entry;
    const port = withPort && host !== entry ? Number(withPort[2]) : 0;
    entries.push({ host: stripBrackets(host.replace(/^\*?\./, '')), port });
  }
  return entries;
}

function bypasses(entries: readonly NoProxyEntry[] | '*', host: string, port: number): boolean {
  if (entries === '*') return true;
  for (const entry of entries) {
    if (entry.port !== 0 && entry.port !== port) continue;
    if (host === entry.host || host.endsWith(`.${entry.host}`)) return true;
  }
  return false;
}

/**
 * Decides, once per origin, whether a request goes through a proxy, the same way on every
 * transport: the `proxy` option for every target, else `HTTP_PROXY` for http targets and
 * `HTTPS_PROXY` for https targets (lower-case names first, as curl reads them); never when
 * `proxy` is `false`; never for hosts in `noProxy` (else `NO_PROXY`). Returns undefined when no
 * proxy is configured at all, so a transport can skip routing entirely.
 */
export function proxyRoute(options: Pick<TransportOptions, 'proxy' | 'noProxy'>, env: NodeJS.ProcessEnv = process.env): ProxyRoute | undefined {
  if (options.proxy === false) return undefined;
  let httpProxy: URL | undefined;
  let httpsProxy: URL | undefined;
  if (options.proxy !== undefined) {
    httpProxy = httpsProxy = parseProxyUrl(options.proxy, 'Option proxy');
  } else {
    const http = nonEmpty(env.http_proxy) ?? nonEmpty(env.HTTP_PROXY);
    const https = nonEmpty(env.https_proxy) ?? nonEmpty(env.HTTPS_PROXY);
    httpProxy = http === undefined ? undefined : parseProxyUrl(http, 'HTTP_PROXY');
    httpsProxy = https === undefined ? undefined : parseProxyUrl(https, 'HTTPS_PROXY');
  }
  if (httpProxy === undefined && httpsProxy === undefined) return undefined;
  const noProxy = parseNoProxy(options.noProxy ?? nonEmpty(env.no_proxy) ?? nonEmpty(env.NO_PROXY) ?? '');
  const cache = new Map<string, URL | undefined>();
  return (origin) => {
    if (cache.has(origin)) return cache.get(origin);
    const url = new URL(origin);
    const proxy = url.protocol === 'https:' ? httpsProxy : httpProxy;
    const port = Number(url.port) || (DEFAULT_PORTS[url.protocol] ?? 0);
    const route = proxy !== undefined && !bypasses(noProxy, stripBrackets(url.hostname), port) ? proxy : undefined;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(origin, route);
    return route;
  };
}
