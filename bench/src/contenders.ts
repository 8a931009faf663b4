import http from 'node:http';
import { createTransport, fanout, type Transport } from '@fanout/core';
import axios from 'axios';
import pMap from 'p-map';
import { catchError, from, lastValueFrom, map, mergeMap, of, reduce } from 'rxjs';
import { request } from 'undici';

/** Runs all URLs at a concurrency; resolves to how many came back ok (2xx, JSON parsed). */
export type Contender = (urls: readonly string[], concurrency: number) => Promise<number>;

function countOk(results: readonly boolean[]): number {
  return results.filter(Boolean).length;
}

/**
 * fanout with a transport: typed results, retries, limits; all defaults on. Like the peers'
 * global agents, the transport (and its keep-alive pool) lives as long as the process.
 */
function fanoutWith(make: (c: number) => Transport): Contender {
  let transport: Transport | undefined;
  return async (urls, concurrency) => {
    transport ??= make(concurrency);
    return lastValueFrom(fanout(urls, { concurrency, transport }).pipe(reduce((ok, r) => ok + (r.ok ? 1 : 0), 0)));
  };
}

/** The hand-written version of the seed: RxJS mergeMap over plain axios, catchError per request. */
const rxjsAxios: Contender = (urls, concurrency) =>
  lastValueFrom(
    from(urls).pipe(
      mergeMap(
        (url) =>
          from(axios.get<unknown>(url)).pipe(
            map(() => true),
            catchError(() => of(false)),
          ),
        concurrency,
      ),
      reduce((ok, r) => ok + (r ? 1 : 0), 0),
    ),
  );

/** p-map over undici's request, the usual fast Node idiom. */
const pMapUndici: Contender = async (urls, concurrency) =>
  countOk(
    await pMap(
      urls,
      async (url) => {
        try {
          const { statusCode, body } = await request(url);
          await body.json();
          return statusCode >= 200 && statusCode < 300;
        } catch {
          return false;
        }
      },
      { concurrency },
    ),
  );

/** Plain node:http with a keep-alive agent and a hand-rolled pool. */
const nodeHttp: Contender = async (urls, concurrency) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (url: string) =>
    new Promise<boolean>((resolve) => {
      http
        .get(url, { agent }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            try {
              JSON.parse(body);
              resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
            } catch {
              resolve(false);
            }
          });
          res.on('error', () => resolve(false));
        })
        .on('error', () => resolve(false));
    });
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
      while (next < urls.length) if (await get(urls[next++] as string)) ok++;
    }),
  );
  agent.destroy();
  return ok;
};

export const CONTENDERS: Readonly<Record<string, Contender>> = {
  'fanout (axios)': fanoutWith((c) => createTransport('axios', { connections: c })),
  'fanout (undici)': fanoutWith((c) => createTransport('undici', { connections: c })),
  'rxjs mergeMap + axios': rxjsAxios,
  'p-map + undici': pMapUndici,
  'node:http keep-alive': nodeHttp,
};
