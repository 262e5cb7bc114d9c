// Runs every benchmark one after the other and prints their numbers (npm run bench, after a build).
// The suite matrix (two passes of ≈ 5½ minutes) and the scale cells (several minutes) are left out; run
// them with: node bench/suite-matrix.mjs, node bench/scale.mjs
import { spawnSync } from 'node:child_process';

const benches = [
  'cli-startup.mjs',
  'agent-spawn.mjs',
  'json-roundtrip.mjs',
  'roundtrip-a2a.mjs',
  'roundtrip-acp.mjs',
  'roundtrip-anp.mjs',
  'roundtrip-agora.mjs',
  'agent-rss.mjs',
  'agent-idle.mjs',
  'mass-kill.mjs',
  'runner-cpu.mjs',
  'detect-error.mjs',
  'hundred-agents.mjs',
  'fault-proxy.mjs',
  'fuzz-scenarios.mjs',
];
for (const b of benches) {
  console.log(`\n== bench/${b}`);
  spawnSync(process.execPath, [new URL(b, import.meta.url).pathname], { stdio: 'inherit' });
}
