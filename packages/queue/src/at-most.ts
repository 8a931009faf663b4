/**
 * Waits for `call` at most `ms` milliseconds: resolves when it settles or when the time is up,
 * whichever comes first, and never rejects. Its timer is cleared as soon as `call` settles, so a
 * call that answers at once does not keep the process alive for `ms` more (a library user's
 * `close()` returns, and the process can exit).
 */
export async function atMost(call: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([call.then(noop, noop), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

function noop(): void {}
