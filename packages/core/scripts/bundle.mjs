// Bundles core's code into dist/index.js: one module for Node to resolve, read and link instead of
// 98 (measured, in-process `await import('@fanout/core')`, median of 31 runs: 151 ms as files,
// 108 ms bundled, of which 94 ms is rxjs's package root). Every package stays external (`rxjs`,
// `undici`, `undici/lib/…`, `axios`: the user's copies, resolved from node_modules as before) and so do
// Node's built-ins. The types are tsc's, one .d.ts per source file (`tsc --emitDeclarationOnly`
// runs first), so the package's exports and declarations are unchanged. A dynamic `import()`
// stays a split point (dist/chunks/), loaded when it runs.
import { build } from 'esbuild';

await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: { index: 'src/index.ts', transport: 'src/transport-kit.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
