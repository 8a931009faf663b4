// Reads an NDJSON answer of the API as it arrives; a 4xx/5xx answer becomes an ApiError with the
// API's `{ error: { code, message } }`.

export class ApiError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = 'ApiError';
    this.code = code;
  }
}

/**
 * Fetches `url`, calls `onStart` with the response headers, then `onRecord` with each NDJSON
 * line, parsed, as it arrives.
 */
export async function streamRecords(url, signal, onStart, onRecord) {
  const response = await fetch(url, { headers: { accept: 'application/x-ndjson' }, signal });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw body && body.error ? new ApiError(body.error.code, body.error.message) : new ApiError('EHTTP', `the server answered ${response.status}`);
  }
  onStart(response.headers);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line.trim() !== '') onRecord(JSON.parse(line));
  }
  if (buffered.trim() !== '') onRecord(JSON.parse(buffered));
}
