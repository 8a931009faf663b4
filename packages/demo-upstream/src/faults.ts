import type { IncomingMessage, ServerResponse } from 'node:http';

/** Per-key hit counters for the `flaky` fault, so each test gets its own sequence. */
export type HitCounter = Map<string, number>;

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function retryAfterHeader(query: URLSearchParams): Record<string, string> {
  const seconds = query.get('retryAfter');
  if (seconds === null) return {};
  const value = query.get('date') === '1' ? new Date(Date.now() + Number(seconds) * 1000).toUTCString() : seconds;
  return { 'retry-after': value };
}

/**
 * Faults on demand, under `/__fault/…`, for tests, demos and benchmarks:
 *
 * - `status/:code[?retryAfter=S[&date=1]]`: that status, with an optional `Retry-After`.
 * - `flaky/:key?failures=N[&status=503|reset][&retryAfter=S[&date=1]]`: the first N hits of a key fail, then 200.
 * - `reset`: the connection is destroyed before any response.
 * - `reset-mid-body`: headers and half a body, then the connection is destroyed.
 * - `truncated`: a `Content-Length` larger than the body sent, then the connection ends.
 * - `hang`: never answers.
 * - `slow-headers?ms=M`: answers after M ms.
 * - `drip?ms=M&chunks=K`: sends the body in K chunks M ms apart.
 * - `malformed`: 200 with a body that is not JSON.
 * - `big?bytes=N`: 200 with a JSON body of N + 10 bytes, streamed with backpressure.
 *
 * Returns false when the path is not a known fault.
 */
export function handleFault(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, hits: HitCounter): boolean {
  const [kind, arg] = path.split('/').slice(2);
  switch (kind) {
    case 'status': {
      const status = Number(arg);
      if (!Number.isInteger(status) || status < 200 || status > 599) return false;
      sendJson(res, status, JSON.stringify({ error: `status ${status} on purpose` }), retryAfterHeader(query));
      return true;
    }
    case 'flaky': {
      const key = arg ?? 'default';
      const hit = (hits.get(key) ?? 0) + 1;
      hits.set(key, hit);
      if (hit <= Number(query.get('failures') ?? '1')) {
        const how = query.get('status') ?? '503';
        if (how === 'reset') req.socket.destroy();
        else sendJson(res, Number(how), JSON.stringify({ error: 'flaky on purpose', hit }), retryAfterHeader(query));
      } else {
        sendJson(res, 200, JSON.stringify({ ok: true, hit }));
      }
      return true;
    }
    case 'reset':
      req.socket.destroy();
      return true;
    case 'reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"title":"half a bo', () => setTimeout(() => req.socket.destroy(), 5));
      return true;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"title":"cut"', () => setTimeout(() => req.socket.end(), 5));
      return true;
    case 'hang':
      return true;
    case 'slow-headers': {
      const timer = setTimeout(() => sendJson(res, 200, JSON.stringify({ slow: true })), Number(query.get('ms') ?? '1000'));
      res.on('close', () => clearTimeout(timer));
      return true;
    }
    case 'drip': {
      const chunks = Number(query.get('chunks') ?? '10');
      const body = JSON.stringify({ drip: 'x'.repeat(chunks * 10) });
      const size = Math.ceil(body.length / chunks);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(body.slice(sent, sent + size));
        sent += size;
        if (sent >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, Number(query.get('ms') ?? '100'));
      res.on('close', () => clearInterval(timer));
      return true;
    }
    case 'malformed':
      sendJson(res, 200, '{"title": "not json because it stops here');
      return true;
    case 'big': {
      // Streamed in 64 KiB chunks with backpressure, so a client that stops reading is seen.
      const total = Math.min(Number(query.get('bytes') ?? '1048576'), 1024 * 1024 * 1024);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total + 10) });
      res.write('{"big":"');
      let left = total;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"}      ');
      };
      pump();
      return true;
    }
    default:
      return false;
  }
}
