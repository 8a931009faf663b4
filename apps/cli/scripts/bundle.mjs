// Bundles the CLI into dist/fanout.js (what bin/fanout.js runs) and dist/chunks/ (what a
// command loads when it runs: `import()` stays a split point). One file instead of ~400
// modules: rxjs's ESM build tree-shaken to what core uses. undici stays in node_modules: core
// loads only its dispatcher files, when a transport is made (core's transports/undici-parts.ts).
// The queue and the demo upstream stay packages (they read files next to their code: Lua
// scripts, the dataset). dist/meta.json maps each output file to the sources in it.
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = process.argv[2] ?? 'dist';
const require = createRequire(import.meta.url);
const rxjsEsm = join(dirname(require.resolve('rxjs/package.json')), 'dist/esm');

/**
 * rxjs's `exports` send Node to its CommonJS build (the whole library); the ES2015 build
 * tree-shakes. Its root and its own modules (`rxjs/internal/…`, which core imports) both come
 * from that build: one copy of each module (one `Observable` class) in the bundle.
 */
const onlyWhatIsUsed = {
  name: 'only-what-is-used',
  setup(bundler) {
    bundler.onResolve({ filter: /^rxjs(\/internal\/.+)?$/ }, ({ path }) => ({ path: join(rxjsEsm, path === 'rxjs' ? 'index.js' : `${path.slice('rxjs/'.length)}.js`) }));
  },
};

rmSync(join(root, outdir), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { fanout: 'src/main.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@fanout/queue', '@fanout/demo-upstream'],
  plugins: [onlyWhatIsUsed],
  // CommonJS dependencies (commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __fanoutRequire } from 'node:module'; const require = __fanoutRequire(import.meta.url);" },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const files = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [file.slice(outdir.length + 1), Object.keys(output.inputs)]),
);
writeFileSync(join(root, outdir, 'meta.json'), `${JSON.stringify(files, null, 1)}\n`);
