#!/usr/bin/env node
/**
 * Bundles the built-in agent once per protocol: dist/agents/<protocol>.cjs, one CommonJS file holding
 * the agent, that protocol and its dependencies, and nothing of the other protocols. Run by
 * `npm run build` after tsc, from its output (dist/src/agent/main.js).
 *
 * Why: an agent's boot is part of every start-up and restart storm measures, and on two cores it is
 * what bounds a large cell. Node 20 resolves, reads and links every ES module separately; one CommonJS
 * file skips that: json agent spawn → ready 140 → 108 ms, a2a 401 → 287 ms (docs/benchmarks.md,
 * "Where start-up time goes"). Not minified: stack traces from an agent stay readable, and minifying
 * saved under 10 ms even for a2a.
 *
 * The runner falls back to dist/src/agent/main.js when a bundle is missing (agent-process.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/src/agent/main.js');
const outDir = join(root, 'dist/agents');

// Every protocol; each one's folder exports `<name>Protocol` from its index.js.
const { PROTOCOL_NAMES } = await import(join(root, 'dist/src/model/protocol.js'));

/**
 * Replaces the protocol registry (which imports every protocol lazily, by name) with one that holds
 * only `name`, so the bundle carries no other protocol's code or dependencies.
 */
function onlyProtocol(name) {
  return {
    name: 'storm-one-protocol',
    setup(b) {
      let replaced = false;
      b.onEnd(() => {
        if (!replaced) throw new Error(`bundle-agents: the protocol registry was not found from ${entry}`);
      });
      b.onResolve({ filter: /^\.\.\/protocols\/registry\.js$/ }, (args) => {
        replaced = true;
        return { path: join(args.resolveDir, args.path), namespace: 'storm-registry' };
      });
      b.onLoad({ filter: /.*/, namespace: 'storm-registry' }, (args) => ({
        resolveDir: dirname(args.path),
        contents: [
          `import { ${name}Protocol } from './${name}/index.js';`,
          'export async function loadProtocol(name) {',
          `  if (name !== '${name}') throw new Error('this agent bundle speaks ${name}, not ' + name);`,
          `  return ${name}Protocol;`,
          '}',
        ].join('\n'),
      }));
    },
  };
}

mkdirSync(outDir, { recursive: true });
await Promise.all(
  PROTOCOL_NAMES.map((name) =>
    build({
      entryPoints: [entry],
      outfile: join(outDir, `${name}.cjs`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      plugins: [onlyProtocol(name)],
      logLevel: 'warning',
    }),
  ),
);
