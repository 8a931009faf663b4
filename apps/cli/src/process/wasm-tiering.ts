import { setFlagsFromString } from 'node:v8';

/**
 * undici parses HTTP with a WebAssembly module, which V8 first compiles quickly (Liftoff) and
 * re-optimises (TurboFan) on a background thread once a function has done a budget of work.
 * The default budget is spent within the first response, so a one-URL run paid ~100 ms of CPU
 * and ~35 MB of peak RSS for an optimisation it never used. A larger budget still optimises a
 * long run after its first few responses. Must run before undici compiles its parser.
 *
 * Set for `--transport undici` only (fanout's own client and axios run no WebAssembly: no
 * difference measured). Measured again after the split (one-URL run, 6 runs each, busy 2-core
 * machine): without it 0.76 s CPU, 101 MB peak RSS, 2.7 s wall; with it 0.41 s, 65 MB, 0.9 s.
 */
export function optimiseWasmLater(): void {
  setFlagsFromString('--wasm-tiering-budget=100000000');
}
