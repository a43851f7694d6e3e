// Proves the import rules of DESIGN.md ("Layout and dependency rules") are enforced by ESLint, not
// prose: each forbidden import is linted as if it were in the file named, with the repository's
// real eslint.config.js, and must fail with the rule that guards it; legal imports must pass.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

interface Case {
  what: string;
  filePath: string;
  code: string;
  rule: string;
}

const forbidden: Case[] = [
  { what: 'src-shared importing src-main', filePath: 'src-shared/model/lint-probe.ts', code: "import { openDatabase } from '../../src-main/db/database.js';\nexport const x = openDatabase;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'src-shared importing the renderer', filePath: 'src-shared/lib/lint-probe.ts', code: "import * as r from '../../src-renderer/main.js';\nexport const x = r;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'the renderer importing src-main', filePath: 'src-renderer/lib/lint-probe.ts', code: "import { createAppCore } from '../../src-main/app/create-app-core.js';\nexport const x = createAppCore;\n", rule: 'import-x/no-restricted-paths' },
  { what: "the renderer importing 'node:fs'", filePath: 'src-renderer/lib/lint-probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", rule: 'no-restricted-imports' },
  { what: 'the renderer importing better-sqlite3', filePath: 'src-renderer/lib/lint-probe.ts', code: "import Database from 'better-sqlite3';\nexport const x = Database;\n", rule: 'no-restricted-imports' },
  { what: 'engine importing db', filePath: 'src-main/engine/placeholder/lint-probe.ts', code: "import { openDatabase } from '../../db/database.js';\nexport const x = openDatabase;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'engine importing a collector', filePath: 'src-main/engine/reconcile/lint-probe.ts', code: "import { readImportFile } from '../../collectors/files/read-import-file.js';\nexport const x = readImportFile;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'db importing services', filePath: 'src-main/db/lint-probe.ts', code: "import { createEventBus } from '../services/event-bus.js';\nexport const x = createEventBus;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'collectors importing services', filePath: 'src-main/collectors/files/lint-probe.ts', code: "import { createEventBus } from '../../services/event-bus.js';\nexport const x = createEventBus;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'services importing api', filePath: 'src-main/services/lint-probe.ts', code: "import { createDispatcher } from '../api/dispatcher.js';\nexport const x = createDispatcher;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'services importing app', filePath: 'src-main/services/imports/lint-probe.ts', code: "import { createAppCore } from '../../app/create-app-core.js';\nexport const x = createAppCore;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'api importing the CLI', filePath: 'src-main/api/lint-probe.ts', code: "import { runCli } from '../cli/run-cli.js';\nexport const x = runCli;\n", rule: 'import-x/no-restricted-paths' },
  { what: 'better-sqlite3 in services', filePath: 'src-main/services/lint-probe.ts', code: "import Database from 'better-sqlite3';\nexport const x = Database;\n", rule: 'no-restricted-imports' },
  { what: 'net-snmp in the engine', filePath: 'src-main/engine/reconcile/lint-probe.ts', code: "import snmp from 'net-snmp';\nexport const x = snmp;\n", rule: 'no-restricted-imports' },
];

const allowed: Omit<Case, 'rule'>[] = [
  { what: 'services importing db', filePath: 'src-main/services/lint-probe.ts', code: "import { openDatabase } from '../db/database.js';\nexport const x = openDatabase;\n" },
  { what: 'services importing engine', filePath: 'src-main/services/lint-probe.ts', code: "import { reconcileAll } from '../engine/reconcile/index.js';\nexport const x = reconcileAll;\n" },
  { what: 'the renderer importing src-shared', filePath: 'src-renderer/lib/lint-probe.ts', code: "import { ASSET_CLASSES } from '../../src-shared/model/asset-classes.js';\nexport const x = ASSET_CLASSES;\n" },
  { what: 'engine importing src-shared', filePath: 'src-main/engine/placeholder/lint-probe.ts', code: "import { ASSET_CLASSES } from '../../../src-shared/model/asset-classes.js';\nexport const x = ASSET_CLASSES;\n" },
  { what: 'better-sqlite3 in db', filePath: 'src-main/db/lint-probe.ts', code: "import Database from 'better-sqlite3';\nexport const x = Database;\n" },
  { what: 'api importing services', filePath: 'src-main/api/lint-probe.ts', code: "import { createEventBus } from '../services/event-bus.js';\nexport const x = createEventBus;\n" },
];

describe('layer import rules (eslint.config.js)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  async function ruleIds(c: { filePath: string; code: string }): Promise<string[]> {
    const [result] = await eslint.lintText(c.code, { filePath: `${repoRoot}${c.filePath}` });
    if (!result) throw new Error('ESLint returned no result');
    // A parse error or an ignored file would make every rule silent; fail loudly instead.
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result.messages.some((m) => m.ruleId === null && /ignored/.test(m.message))).toBe(false);
    return result.messages.map((m) => m.ruleId ?? '(none)');
  }

  for (const c of forbidden) {
    it(`rejects ${c.what}`, async () => {
      // import-x/no-restricted-paths silently skips an import it cannot resolve, so a '.js' specifier
      // naming a '.ts' source is only checked when eslint.config.js sets a TypeScript resolver.
      expect(await ruleIds(c), `${c.rule} did not report ${c.what}`).toContain(c.rule);
    });
  }

  for (const c of allowed) {
    it(`allows ${c.what}`, async () => {
      expect(await ruleIds(c)).toEqual([]);
    });
  }
});
