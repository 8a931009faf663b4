import type { Transport, TransportRequest, TransportResponse } from '../src/index.js';

/** What a stub answers: a response, or an error to throw. */
export type StubReply = { status: number; headers?: Record<string, string>; body?: string } | Error;

/**
 * An in-memory transport for tests with fake timers: no sockets, every send recorded with the
 * (fake) time it left, each answered by `reply` at once.
 */
export function stubTransport(reply: (request: TransportRequest, sendNumber: number) => StubReply): Transport & { readonly sends: { url: string; method: string; at: number }[] } {
  const sends: { url: string; method: string; at: number }[] = [];
  return {
    name: 'stub',
    sends,
    send(request: TransportRequest): Promise<TransportResponse> {
      sends.push({ url: request.url, method: request.method, at: performance.now() });
      const answer = reply(request, sends.length);
      if (answer instanceof Error) return Promise.reject(answer);
      const headers = answer.headers ?? {};
      return Promise.resolve({
        status: answer.status,
        header: (name: string) => headers[name],
        headers: () => ({ ...headers }),
        body: answer.body ?? '{}',
      });
    },
    close: () => Promise.resolve(),
  };
}
