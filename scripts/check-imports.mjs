#!/usr/bin/env node
/**
 * The import rules of src/ (CONTRIBUTING.md "Module map"), checked in CI:
 *   1. no two modules (top-level folders of src/) import each other, directly;
 *   2. src/model/ imports nothing outside itself (types every stage imports downward);
 *   3. nothing in src/ imports reporters/ except src/report/registry.ts (the one extension point).
 * Static, dynamic and type-only imports all count. Prints every violation with the importing file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository to check: the argument, or the one this script lives in. */
const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const src = join(root, 'src');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function* tsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

/** `agent` for src/agent/x.ts, `(root)` for src/version.ts, null outside src/. */
function moduleOf(file) {
  const rel = relative(src, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

const edges = new Map(); // "a>b" -> [file, …]
const problems = [];
for (const file of tsFiles(src)) {
  const text = readFileSync(file, 'utf8');
  const from = moduleOf(file);
  for (const [, spec] of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), spec);
    const where = relative(root, file);
    if (
      relative(join(root, 'reporters'), target).split(sep)[0] !== '..' &&
      where !== join('src', 'report', 'registry.ts')
    ) {
      problems.push(`${where} imports ${spec}: only src/report/registry.ts may load reporters/`);
    }
    const to = moduleOf(target);
    if (to === null || to === from) continue;
    if (from === 'model')
      problems.push(
        `${where} imports ${spec}: src/model/ holds types every stage imports; it imports nothing above it`,
      );
    const key = `${from}>${to}`;
    edges.set(key, [...(edges.get(key) ?? []), where]);
  }
}
for (const [key, files] of edges) {
  const [a, b] = key.split('>');
  if (a < b && edges.has(`${b}>${a}`)) {
    problems.push(
      `${a} and ${b} import each other:\n    ${a} → ${b}: ${files.join(', ')}\n    ${b} → ${a}: ${edges.get(`${b}>${a}`).join(', ')}`,
    );
  }
}
if (problems.length) {
  console.error(`import rules: ${problems.length} violation(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`import rules: ok (${edges.size} module edges, no two modules import each other)`);
