// `fieldwise demo` through runCli on a machine without an OS keychain: the simulated SNMP network on
// 127.0.0.1 discovered, the example inventories imported and reconciled into one estate with review
// items and relations, and the summary it prints is the one the README shows.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetPage } from '../../src-shared/api/index.js';
import { PUBLIC_DEMO_COMMUNITY_REF } from '../../src-shared/model/public-demo-secrets.js';
import { randomBasePort } from '../collectors/snmp/test-support.js';
import { CredentialStoreError, type CredentialStore } from '../secrets/credential-store.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { runCli } from './run-cli.js';

/** What a machine without a Secret Service gives: every keychain call fails as "unavailable". */
class UnavailableKeychain implements CredentialStore {
  calls = 0;
  async get(ref: string): Promise<string | null> {
    return this.#fail(ref);
  }
  async set(ref: string): Promise<void> {
    this.#fail(ref);
  }
  async delete(ref: string): Promise<boolean> {
    return this.#fail(ref);
  }
  #fail(ref: string): never {
    this.calls += 1;
    throw new CredentialStoreError('unavailable', ref, 'no Secret Service on this session bus');
  }
}

/** The stdout lines the README's "Try it" section shows between its demo-output markers. */
function readmeDemoOutput(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- demo-output -->\s*```text\n([\s\S]*?)```/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no ```text block after <!-- demo-output -->');
  return block[1];
}

describe('fieldwise demo', () => {
  let dir: TempDir;
  let keychain: UnavailableKeychain;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-cli-demo-');
    keychain = new UnavailableKeychain();
  });
  afterEach(async () => {
    await dir.remove();
  });

  async function cli(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dir.path, ...args], {
      io: { out: (t) => (out += t), err: (t) => (err += t), isTty: false },
      env: {},
      version: '0.0.0-test',
      waitForStop: () => new Promise(() => undefined),
      credentials: keychain,
      prompt: { interactive: false, secrets: async () => [], confirm: async () => false },
    });
    return { code, out, err };
  }

  it('builds a small reconciled estate without an OS keychain, and prints what the README shows', async () => {
    const result = await cli('demo', '--base-port', String(randomBasePort()));
    expect(result.err).not.toContain('fieldwise:');
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/Demo agents on 127\.0\.0\.1: sw1\.demo\.lan :\d+, sw2\.demo\.lan/);
    expect(result.err).toContain(`The demo's SNMP community "fieldwise-demo" is public`);
    expect(result.err).toContain(PUBLIC_DEMO_COMMUNITY_REF);
    expect(result.out).toMatch(/Discovery succeeded: 5 found; 5 assets created/);
    for (const file of ['servers.csv', 'desktops.csv', 'cloud-instances.csv', 'demo-network-cmdb.csv']) expect(result.err).toContain(`Imported examples/${file}`);
    // The keychain was never needed: the demo community is a public value, not a stored secret.
    expect(keychain.calls).toBe(0);
    expect(result.out.endsWith(readmeDemoOutput())).toBe(true);

    // The estate itself: discovered devices and inventory rows are one asset where they are one device.
    const srv1 = AssetPage.parse(JSON.parse((await cli('--json', 'assets', 'list', '--search', 'srv1')).out));
    expect(srv1.items.map((a) => [a.name, a.sourceCount])).toEqual([['srv1.demo.lan', 2]]);
    const credentials = await cli('credentials', 'list');
    expect(credentials.out).toContain('Demo community');
  }, 120_000);

  it('runs again on the same data folder: nothing new, the same estate', async () => {
    expect((await cli('demo', '--base-port', String(randomBasePort()))).code).toBe(0);
    const again = await cli('demo', '--base-port', String(randomBasePort()));
    expect(again.code).toBe(0);
    expect(again.err).toContain('Imported examples/servers.csv as "Example servers": 0 created, 0 updated, 12 unchanged.');
    expect(again.out.endsWith(readmeDemoOutput())).toBe(true);
    expect(keychain.calls).toBe(0);
  }, 180_000);
});
