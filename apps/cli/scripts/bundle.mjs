// Bundles the CLI into a self-contained npm package: `npm pack` in apps/cli gives a tarball that
// installs with no workspace and no registry (it has no dependencies).
//
// - dist/fanout.js (what bin/fanout.js runs) and dist/chunks/ (what a command loads when it runs:
//   `import()` stays a split point). The workspace packages (@fanout/core, @fanout/queue,
//   @fanout/undici, @fanout/axios, @fanout/demo-upstream) and every npm package they import
//   (rxjs's ESM build tree-shaken to what core uses, commander, picocolors, bullmq, ioredis, and
//   undici and axios in the chunks `--transport undici` / `--transport axios` import) are bundled in.
// - dist/demo-upstream/data/: the demo upstream's dataset, which it reads next to its code.
// - dist/THIRD-PARTY-LICENSES.md: the licence of every package bundled in, and the dataset's.
// - dist/meta.json maps each output file to the sources in it (not packed).
//
// A package listed in `dependencies` of apps/cli/package.json stays external; the build fails
// when the bundle imports a package that is neither bundled nor listed there (an install would
// break).
import { builtinModules } from 'node:module';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = process.argv[2] ?? 'dist';
const require = createRequire(import.meta.url);
const rxjsEsm = join(dirname(require.resolve('rxjs/package.json')), 'dist/esm');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(manifest.dependencies ?? {});

/** Optional packages of bundled ones, tried in a `try` and not shipped: msgpackr's native addon, bullmq's Valkey client. */
const OPTIONAL = ['msgpackr-extract', '@valkey/valkey-glide'];

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

// Where the package is, from any output file: dist/fanout.js or dist/chunks/NAME.js.
const PACKAGE_DIR = "new URL(/\\/chunks\\/[^/]*$/.test(import.meta.url) ? '../../' : '../', import.meta.url)";

/**
 * The workspace packages run from inside the bundle, not from their own folders: `import.meta.url`
 * in @fanout/demo-upstream is where its files are copied (dist/demo-upstream/dist/), so
 * `new URL('../data/…', import.meta.url)` finds the dataset.
 */
const workspaceInBundle = {
  name: 'workspace-in-bundle',
  setup(bundler) {
    const demoUpstream = join(root, '../../packages/demo-upstream/dist') + sep;
    bundler.onLoad({ filter: /\.js$/ }, ({ path }) => {
      if (!path.startsWith(demoUpstream)) return undefined;
      const source = readFileSync(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { loader: 'js', contents: source.replaceAll('import.meta.url', `new URL('dist/demo-upstream/dist/', ${PACKAGE_DIR}).href`) };
    });
  },
};

// `--help` shows core's method list and defaults without loading core (a cold start loads commander
// only): they are read from the built @fanout/core here and written into the bundle as a constant
// (src/options/core-constants.ts).
const { HTTP_METHODS, defaults } = await import('@fanout/core');

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
  external: [...external, ...OPTIONAL],
  plugins: [onlyWhatIsUsed, workspaceInBundle],
  // CommonJS dependencies (commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __fanoutRequire } from 'node:module'; const require = __fanoutRequire(import.meta.url);" },
  define: { FANOUT_CORE_CONSTANTS: JSON.stringify({ methods: HTTP_METHODS, defaults }) },
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

cpSync(join(root, '../../packages/demo-upstream/data'), join(root, outdir, 'demo-upstream/data'), { recursive: true });

// Every bare import left in the output is a Node built-in or a declared dependency.
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const undeclared = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external: isExternal } of output.imports) {
    if (!isExternal || builtins.has(path) || path.startsWith('node:')) continue;
    const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
    if (!external.includes(name) && !OPTIONAL.includes(name)) undeclared.add(name);
  }
}
if (undeclared.size > 0) throw new Error(`the bundle imports ${[...undeclared].join(', ')}: bundle them or add them to "dependencies"`);

writeFileSync(join(root, outdir, 'THIRD-PARTY-LICENSES.md'), thirdPartyLicenses([result.metafile]));

const files = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [file.slice(outdir.length + 1), Object.keys(output.inputs)]),
);
writeFileSync(join(root, outdir, 'meta.json'), `${JSON.stringify(files, null, 1)}\n`);

/** The licence text of every npm package with code in the bundle, and the demo dataset's. */
function thirdPartyLicenses(metafiles) {
  const packages = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
      const dir = join(root, input.slice(0, at), 'node_modules', name);
      if (!packages.has(name) && existsSync(join(dir, 'package.json'))) packages.set(name, dir);
    }
  }
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `${license} (no licence file in the package)`;
    return `## ${name} ${version} (${license})\n\n\`\`\`\n${text}\n\`\`\``;
  });
  const dataset = readFileSync(join(root, '../../packages/demo-upstream/data/jsonplaceholder.LICENSE'), 'utf8').trim();
  return [
    '# Third-party licences',
    '',
    `The fanout CLI bundles these npm packages (generated by scripts/bundle.mjs from ${relative(root, join(root, outdir))}/meta.json's inputs) and the jsonplaceholder dataset of its demo upstream.`,
    '',
    `## jsonplaceholder dataset (dist/demo-upstream/data/)\n\n\`\`\`\n${dataset}\n\`\`\``,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}
