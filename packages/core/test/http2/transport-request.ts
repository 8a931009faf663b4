import type { HttpMethod, TransportRequest } from '../../src/index.js';

/** A `TransportRequest` for calling a transport directly; `abort` aborts it with `reason`. */
export function transportRequest(url: string, init: { method?: HttpMethod; headers?: Record<string, string>; body?: string; maxBodyBytes?: number } = {}) {
  const controller = new AbortController();
  const request: TransportRequest = {
    url,
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    signal: controller.signal,
    onAbort(listener) {
      const signal = controller.signal;
      if (signal.aborted) {
        listener(signal.reason as Error);
        return () => undefined;
      }
      const onAbort = () => listener(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      return () => signal.removeEventListener('abort', onAbort);
    },
    maxBodyBytes: init.maxBodyBytes ?? 10 * 1024 * 1024,
    followRedirects: false,
  };
  return { request, abort: (reason: Error) => controller.abort(reason) };
}
