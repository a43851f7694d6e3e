// The discovery commands through runCli with a MemoryCredentialStore and the demo agents on
// 127.0.0.1 (loopback only). `fieldwise demo` itself: demo-command.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMMUNITY, startDemoNetwork, type DemoNetwork } from '../collectors/snmp/demo/demo-network.js';
import { randomBasePort } from '../collectors/snmp/test-support.js';
import { MemoryCredentialStore } from '../secrets/memory-credential-store.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import type { CliPrompt } from './cli-prompt.js';
import { runCli } from './run-cli.js';

function harness(dir: TempDir, store: MemoryCredentialStore, prompt: Partial<CliPrompt> = {}) {
  return async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dir.path, ...args], {
      io: { out: (t) => (out += t), err: (t) => (err += t), isTty: false },
      env: {},
      version: '0.0.0-test',
      waitForStop: () => new Promise(() => undefined),
      credentials: store,
      prompt: { interactive: false, secrets: async () => [], confirm: async () => false, ...prompt },
    });
    return { code, out, err };
  };
}

describe('fieldwise discover / scopes / credentials', () => {
  let dir: TempDir;
  let net: DemoNetwork;
  const basePort = randomBasePort();
  const store = new MemoryCredentialStore();

  beforeAll(async () => {
    dir = await createTempDir('fieldwise-cli-discovery-');
    net = await startDemoNetwork({ host: '127.0.0.1', basePort });
  });
  afterAll(async () => {
    await net.close();
    await dir.remove();
  });

  it('adds a credential set from stdin (never argv) and lists only its reference', async () => {
    const cli = harness(dir, store, { secrets: async (labels) => labels.map(() => DEMO_COMMUNITY) });
    const added = await cli('credentials', 'add', 'lab-ro', '--kind', 'v2c');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Saved credential set "lab-ro"/);
    const listed = await cli('credentials', 'list');
    expect(listed.out).toMatch(/lab-ro\s+snmp_v2c/);
    expect(listed.out + added.out).not.toContain(DEMO_COMMUNITY);
  });

  it('sweeps with discover snmp: plan on stderr, per-host report on stdout', async () => {
    const cli = harness(dir, store);
    const ports = ['--port', String(basePort), '--port', String(basePort + 1), '--port', String(basePort + 19)];
    const result = await cli(
      'discover',
      'snmp',
      '--targets',
      '127.0.0.1',
      ...ports,
      '--credential',
      'lab-ro',
      '--timeout',
      '300',
      '--retries',
      '0',
      '--scope',
      'Switches',
    );
    expect(result.err).toMatch(/Plan for "Switches"/);
    expect(result.err).toMatch(/credentials {2}lab-ro \(snmp_v2c\)/);
    expect(result.out).toMatch(/sw1\.demo\.lan/);
    expect(result.out).toMatch(/No response/);
    // Why a host can be silent is said once, after the table, not on each silent host's line.
    expect(result.out).toContain('1 host did not reply. A host that does not reply may be off');
    expect(result.out.split('wrong community').length - 1).toBe(1);
    expect(result.out).toMatch(/Discovery succeeded: 2 found, 1 no response/);
    expect(result.code).toBe(0);
    const scopes = await cli('scopes', 'list');
    expect(scopes.out).toMatch(/Switches\s+SNMP\s+127\.0\.0\.1\s+3\s+lab-ro/);
  }, 30_000);

  it('refuses an OT scope without --yes in non-interactive use, and runs it with --yes', async () => {
    const cli = harness(dir, store);
    const add = await cli(
      'scopes',
      'add',
      'Plant',
      '--targets',
      '127.0.0.1',
      '--port',
      String(basePort + 4),
      '--credential',
      'lab-ro',
      '--ot',
      '--schedule',
      '0 2 * * *',
      '--timezone',
      'UTC',
    );
    expect(add.out).toMatch(/Saved SNMP scope "Plant" \(1 probes, next run /);
    const refused = await cli('discover', 'run', 'Plant');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/OT scope; review the plan above and run again with --yes/);
    const ran = await cli('discover', 'run', 'Plant', '--yes');
    expect(ran.code).toBe(0);
    expect(ran.out).toMatch(/ups1/);
    const show = await cli('scopes', 'show', 'Plant');
    expect(show.out).toMatch(/schedule "0 2 \* \* \*" UTC/);
    expect(show.out).toMatch(/20 req\/s, 4 hosts at once, 100 ms per-device spacing/);
  }, 30_000);

  it('adds an SNMPv3 set with level and protocol names in any case', async () => {
    const cli = harness(dir, store, { secrets: async (labels) => labels.map((label) => `${label} for the test`) });
    const mixed = await cli(
      '--json',
      'credentials',
      'add',
      'core-v3',
      '--kind',
      'V3',
      '--user',
      'monitor',
      '--level',
      'AUTHPRIV',
      '--auth-protocol',
      'SHA',
      '--priv-protocol',
      'AES128',
    );
    expect(mixed.err).toBe('');
    expect(mixed.code).toBe(0);
    expect(JSON.parse(mixed.out)).toMatchObject({
      kind: 'snmp_v3',
      settings: { user: 'monitor', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' },
    });
    const lower = await cli(
      '--json',
      'credentials',
      'add',
      'edge-v3',
      '--kind',
      'v3',
      '--user',
      'monitor',
      '--auth-protocol',
      'sha-512',
      '--priv-protocol',
      'aes256c',
    );
    expect(lower.code).toBe(0);
    expect(JSON.parse(lower.out)).toMatchObject({ settings: { authProtocol: 'sha512', privProtocol: 'aes256r' } });
    const listed = await cli('credentials', 'list');
    expect(listed.out).toMatch(/core-v3\s+snmp_v3\s+monitor/);
    expect(listed.out + mixed.out + lower.out).not.toContain('for the test');
  });
});
