// Convention: every collector folder has the same shape, so a reader who knows one knows all
// (DESIGN.md "Layout", docs/collectors.md). For every protocol the app's registry holds — and for
// every folder that holds a <name>-collector.ts, registered or not — src-main/collectors/<p>/ has
// <p>-collector.ts, <p>-normaliser.ts, <p>-safety-guard.ts, a demo/ folder and at least one test.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// A convention test reads the composition root's registry, the one place that lists the protocols
// the app runs; collectors code itself never imports app/.
import { createCollectorRegistry } from '../app/create-collector-registry.js';

const COLLECTORS_DIR = dirname(fileURLToPath(import.meta.url));

function folderProblems(name: string): string[] {
  const folder = join(COLLECTORS_DIR, name);
  if (!existsSync(folder)) return [`src-main/collectors/${name}/ does not exist`];
  const files = readdirSync(folder);
  const problems: string[] = [];
  for (const file of [`${name}-collector.ts`, `${name}-normaliser.ts`, `${name}-safety-guard.ts`]) {
    if (!files.includes(file)) problems.push(`src-main/collectors/${name}/${file} is missing`);
  }
  if (!files.includes('demo') || !statSync(join(folder, 'demo')).isDirectory()) problems.push(`src-main/collectors/${name}/demo/ is missing`);
  if (!files.some((file) => file.endsWith('.test.ts'))) problems.push(`src-main/collectors/${name}/ has no *.test.ts`);
  return problems;
}

describe('collector folders', () => {
  const registered = Object.keys(createCollectorRegistry());
  const withCollector = readdirSync(COLLECTORS_DIR).filter((entry) => existsSync(join(COLLECTORS_DIR, entry, `${entry}-collector.ts`)));

  it('the registry holds SNMP at least, and each registered collector names its own protocol', () => {
    expect(registered).toContain('snmp');
    for (const [protocol, collector] of Object.entries(createCollectorRegistry())) expect(collector?.protocol).toBe(protocol);
  });

  it.each([...new Set([...registered, ...withCollector])].sort())('%s has collector, normaliser, safety guard, demo/ and tests', (name) => {
    expect(folderProblems(name)).toEqual([]);
  });
});
