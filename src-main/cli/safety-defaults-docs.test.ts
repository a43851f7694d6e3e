// The discovery safety defaults people read — docs/discovery.md, docs/snmp.md and the CLI help —
// are the ones every scope starts with (DISCOVERY_DEFAULTS / DISCOVERY_OT_DEFAULTS).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISCOVERY_DEFAULTS, DISCOVERY_OT_DEFAULTS } from '../../src-shared/api/index.js';
import { cliRunner } from '../test-support/cli-runner.js';

const doc = (name: string) => readFileSync(fileURLToPath(new URL(`../../docs/${name}`, import.meta.url)), 'utf8');
type Setting = keyof typeof DISCOVERY_DEFAULTS;

/** The first figures of the IT and OT columns of the table row whose label starts with `label`. */
function row(markdown: string, label: string): [number, number] {
  const line = markdown.split('\n').find((l) => l.replace(/^\|\s*/, '').startsWith(label));
  if (!line) throw new Error(`no table row starting with "${label}"`);
  const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
  const figure = (cell: string | undefined) => Number(/\d+/.exec(cell ?? '')?.[0]);
  return [figure(cells[1]), figure(cells[2])];
}

const expected = (setting: Setting): [number, number] => [DISCOVERY_DEFAULTS[setting], DISCOVERY_OT_DEFAULTS[setting]];

describe('discovery safety defaults in the docs and the CLI help', () => {
  it('docs/discovery.md states the defaults scopes start with', () => {
    const md = doc('discovery.md');
    expect(row(md, 'requests per second')).toEqual(expected('ratePerSecond'));
    expect(row(md, 'hosts at once')).toEqual(expected('concurrency'));
    expect(row(md, 'spacing between requests')).toEqual(expected('perHostIntervalMs'));
    expect(row(md, 'timeout')).toEqual(expected('timeoutMs'));
    expect(row(md, 'retries')).toEqual(expected('retries'));
    expect(row(md, 'backoff')).toEqual(expected('backoff'));
  });

  it('docs/snmp.md states the same defaults and no other pacing figures', () => {
    const md = doc('snmp.md');
    expect(row(md, 'ratePerSecond')).toEqual(expected('ratePerSecond'));
    expect(row(md, 'concurrency')).toEqual(expected('concurrency'));
    expect(row(md, 'perHostIntervalMs')).toEqual(expected('perHostIntervalMs'));
    expect(row(md, 'timeoutMs')).toEqual(expected('timeoutMs'));
    expect(row(md, 'retries')).toEqual(expected('retries'));
    expect(row(md, 'backoff')).toEqual(expected('backoff'));
    // Every table row about pacing states the scope defaults: no second set of figures.
    const pacing: [RegExp, Setting][] = [
      [/rate/i, 'ratePerSecond'],
      [/concurrency/i, 'concurrency'],
      [/spacing|perHostInterval/i, 'perHostIntervalMs'],
      [/backoff/i, 'backoff'],
    ];
    const rows = md.split('\n').filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l));
    for (const line of rows) {
      const label = line.split('|')[1]?.trim() ?? '';
      const match = pacing.find(([pattern]) => pattern.test(label));
      if (match) expect(Number(/\d+/.exec(line.split('|')[2] ?? '')?.[0]), line).toBe(DISCOVERY_DEFAULTS[match[1]]);
    }
  });

  it('the CLI help of discover snmp states them', async () => {
    const help = await cliRunner(() => '/nonexistent-data-dir')('discover', 'snmp', '--help');
    const text = (help.out + help.err).replace(/\s+/g, ' ');
    expect(text).toContain(`default ${DISCOVERY_DEFAULTS.ratePerSecond}; OT ${DISCOVERY_OT_DEFAULTS.ratePerSecond}`);
    expect(text).toContain(`default ${DISCOVERY_DEFAULTS.concurrency}; OT ${DISCOVERY_OT_DEFAULTS.concurrency}`);
    expect(text).toContain(`default ${DISCOVERY_DEFAULTS.perHostIntervalMs}; OT ${DISCOVERY_OT_DEFAULTS.perHostIntervalMs}`);
    expect(text).toContain(`default ${DISCOVERY_DEFAULTS.timeoutMs}; OT ${DISCOVERY_OT_DEFAULTS.timeoutMs}`);
    expect(text).toContain(`multiplied by ${DISCOVERY_DEFAULTS.backoff} on each retry`);
    expect(text).toContain(`re-sends after a timeout (default ${DISCOVERY_DEFAULTS.retries})`);
    expect(DISCOVERY_OT_DEFAULTS.retries).toBe(DISCOVERY_DEFAULTS.retries);
  });
});
