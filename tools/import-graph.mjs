#!/usr/bin/env node
// The import graph of a TypeScript source folder: every circle between files, and every pair of
// units that import each other (an import that runs back up a floor). Exits 1 when it finds one.
//
//   node tools/import-graph.mjs packages/core/src [--floors]
//
// Counts every relative import: `import`, `import type`, `export … from`, and `import('…')`
// (a type-only circle is still a circle for a reader). `--floors` prints the folders from the
// lowest floor (imports no other folder) up: each floor imports only floors below it.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const [rootArg, ...flags] = process.argv.slice(2);
if (!rootArg) {
  console.error('usage: node tools/import-graph.mjs <src-folder> [--floors]');
  process.exit(2);
}
const root = resolve(rootArg);

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

const files = sourceFiles(root);
/** @type {Map<string, Set<string>>} */
const edges = new Map(files.map((file) => [file, new Set()]));
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
    if (target && edges.has(target)) edges.get(file).add(target);
  }
}

/** Tarjan's strongly connected components: each component of more than one node is a circle. */
function components(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      found.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found; // in reverse topological order: a component comes after every one it imports... before
}

const name = (file) => relative(root, file).split(sep).join('/');
/** The unit `file` belongs to inside `folder` ('' is the root): a file directly in it, or the subfolder holding it. */
const unitIn = (folder, file) => {
  const path = name(file);
  if (folder !== '' && !path.startsWith(`${folder}/`)) return undefined;
  const rest = folder === '' ? path : path.slice(folder.length + 1);
  return (folder === '' ? '' : `${folder}/`) + (rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest);
};

let failed = false;
for (const component of components(edges)) {
  if (component.length < 2) continue;
  failed = true;
  console.log(`circle between files: ${component.map(name).sort().join(' <-> ')}`);
}

// In every folder, its files and its subfolders (each with all it holds) are units: no two units
// may import each other, directly or round a longer circle.
const folderNames = [...new Set(files.map((file) => name(file)).flatMap((path) => path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))];
let rootUnits;
for (const folder of ['', ...folderNames.sort()]) {
  const units = new Map();
  for (const [file, targets] of edges) {
    const from = unitIn(folder, file);
    if (from === undefined) continue;
    if (!units.has(from)) units.set(from, new Set());
    for (const target of targets) {
      const to = unitIn(folder, target);
      if (to !== undefined && to !== from) units.get(from).add(to);
    }
  }
  const unitComponents = components(units);
  if (folder === '') rootUnits = { units, unitComponents };
  for (const component of unitComponents) {
    if (component.length < 2) continue;
    failed = true;
    const members = new Set(component);
    const why = [];
    for (const [file, targets] of edges)
      for (const target of targets) {
        const from = unitIn(folder, file);
        const to = unitIn(folder, target);
        if (from !== to && members.has(from) && members.has(to)) why.push(`  ${name(file)} -> ${name(target)}`);
      }
    console.log(`import that runs back up (${component.sort().join(' <-> ')}):\n${why.sort().join('\n')}`);
  }
}
const folders = rootUnits.units;
const folderComponents = rootUnits.unitComponents;

if (flags.includes('--floors')) {
  // Tarjan gives components with every import before its importer: floor = 1 + highest floor imported.
  const floor = new Map();
  for (const component of folderComponents) {
    const level = Math.max(0, ...component.flatMap((folder) => [...folders.get(folder)].filter((t) => !component.includes(t)).map((t) => floor.get(t) + 1)));
    for (const folder of component) floor.set(folder, level);
  }
  const byFloor = new Map();
  for (const [folder, level] of floor) byFloor.set(level, [...(byFloor.get(level) ?? []), folder]);
  for (const level of [...byFloor.keys()].sort((a, b) => a - b)) console.log(`floor ${level}: ${byFloor.get(level).sort().join(', ')}`);
}

console.log(failed ? 'import graph: FAILED (see above)' : `import graph: ${files.length} files, no circle, no folder imports one that imports it back`);
process.exit(failed ? 1 : 0);
