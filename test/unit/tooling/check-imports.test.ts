/** The import-rule checker that CI runs (scripts/check-imports.mjs): it passes on storm and catches each rule's breach. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(__dirname, '../../../scripts/check-imports.mjs');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'storm-imports-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const check = (root?: string) => spawnSync(process.execPath, [SCRIPT, ...(root ? [root] : [])], { encoding: 'utf8' });

describe('scripts/check-imports.mjs', () => {
  it('passes on storm itself', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('catches two modules importing each other, type-only imports included', () => {
    const r = check(
      repo({ 'src/a/x.ts': "import type { Y } from '../b/y.js';\n", 'src/b/y.ts': "import { x } from '../a/x.js';\n" }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a and b import each other/);
    expect(r.stderr).toMatch(/src\/a\/x\.ts/);
  });

  it('catches model/ importing a stage, and a stage loading a reporter outside the registry', () => {
    const r = check(
      repo({
        'src/model/m.ts': "import type { R } from '../run/r.js';\n",
        'src/run/r.ts': "const j = await import('../../reporters/junit.js');\n",
        'src/report/registry.ts': "const c = () => import('../../reporters/console.js');\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/src\/model\/m\.ts imports \.\.\/run\/r\.js/);
    expect(r.stderr).toMatch(/src\/run\/r\.ts imports \.\.\/\.\.\/reporters\/junit\.js/);
    expect(r.stderr).not.toMatch(/registry\.ts imports/);
  });
});
