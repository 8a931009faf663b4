import type { Readable } from 'node:stream';
import type { AxiosInstance } from 'axios';
import type { TransportRequest, TransportStreamResponse } from './transport.js';

/** `Transport.stream` on axios: `responseType: 'stream'`; axios itself decodes gzip, deflate and br. */
export async function axiosStream(client: AxiosInstance, req: TransportRequest): Promise<TransportStreamResponse> {
  const response = await client.request<Readable>({
    url: req.url,
    method: req.method,
    headers: req.headers,
    data: req.body,
    signal: req.signal,
    responseType: 'stream',
    decompress: true,
    maxContentLength: -1,
    maxRedirects: req.followRedirects ? 5 : 0,
  });
  const headers = response.headers;
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  return {
    status: response.status,
    header: (name) => text(headers[name]),
    headers: () => {
      const all: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        const joined = text(value);
        if (joined !== undefined) all[name.toLowerCase()] = joined;
      }
      return all;
    },
    body: response.data,
  };
}
