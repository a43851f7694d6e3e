// OT scopes from the command line: `scopes add --protocol modbus|bacnet|opcua` with the protocol's
// options, the plan `scopes show` / `discover run` print, the --yes an OT run needs, `discover
// <protocol>`, OPC UA credential sets, and an error message naming the flag for every argument
// mistake. No run is confirmed here, so nothing is sent (the collectors' own tests talk to devices).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertificatePurpose, createSelfSignedCertificate, generatePrivateKey, privateKeyToPEM } from 'node-opcua-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../secrets/memory-credential-store.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import type { CliPrompt } from './cli-prompt.js';
import { runCli } from './run-cli.js';

/** A throwaway OPC UA client certificate and its key, made for the test (nothing is read from disk). */
async function selfSignedCertificate(): Promise<{ certificatePem: string; privateKeyPem: string }> {
  const privateKey = await generatePrivateKey(2048);
  const { cert } = await createSelfSignedCertificate({
    privateKey,
    subject: '/CN=fieldwise-cli-test',
    applicationUri: 'urn:fieldwise:cli-test',
    purpose: CertificatePurpose.ForUserAuthentication,
  });
  return { certificatePem: cert, privateKeyPem: (await privateKeyToPEM(privateKey)).privPem };
}

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

describe('fieldwise OT scopes and credentials', () => {
  let dir: TempDir;
  const store = new MemoryCredentialStore();

  beforeAll(async () => {
    dir = await createTempDir('fieldwise-cli-ot-');
  });
  afterAll(async () => {
    await dir.remove();
  });

  it('adds a Modbus scope with its options; it is an OT scope on port 502, and its plan says what it reads', async () => {
    const cli = harness(dir, store);
    const add = await cli(
      'scopes',
      'add',
      'Line 2',
      '--protocol',
      'modbus',
      '--targets',
      '127.0.0.1',
      '127.0.0.2',
      '--exclude',
      '127.0.0.2',
      '--unit-ids',
      '1,2',
      '--register-range',
      'holding:0:100:tuning',
      '--sunspec-addresses',
      'none',
    );
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(
      /Saved Modbus TCP scope "Line 2" \(1 probes\); OT scope: every run shows its plan first; run it with: fieldwise discover run "Line 2" --yes/,
    );

    const json = await cli('--json', 'scopes', 'show', 'Line 2');
    const { scope } = JSON.parse(json.out) as {
      scope: { protocol: string; ot: boolean; ports: number[]; options: unknown; settings: { ratePerSecond: number } };
    };
    expect(scope).toMatchObject({ protocol: 'modbus', ot: true, ports: [502], settings: { ratePerSecond: 20 } });
    expect(scope.options).toEqual({
      protocol: 'modbus',
      unitIds: [1, 2],
      identification: true,
      sunspecAddresses: [],
      profiles: ['auto'],
      registerRanges: [{ table: 'holding_registers', start: 0, count: 100, label: 'tuning' }],
    });

    const show = await cli('scopes', 'show', 'Line 2');
    expect(show.out).toMatch(/Plan for "Line 2" \(OT scope\)/);
    expect(show.out).toMatch(/protocol {5}Modbus TCP: read and identify functions 1, 2, 3, 4 and 43 only; never a write/);
    expect(show.out).toMatch(/ports {8}TCP 502 {3}→ 1 address\(es\), 1 probe\(s\)/);
    expect(show.out).toMatch(/excluding 127\.0\.0\.2/);
    expect(show.out).toMatch(/credentials {2}\(none: Modbus TCP has no credentials\)/);
    expect(show.out).toMatch(/reads {8}unit ids 1, 2 \(no other id is tried\); Device Identification .*; register snapshot of holding 0-99 \(tuning\)/);
    expect(show.out).toMatch(/worst case {3}\S+/);
    const list = await cli('scopes', 'list');
    expect(list.out).toMatch(/Line 2\s+Modbus TCP\s+127\.0\.0\.1 127\.0\.0\.2/);
  });

  it('prints the plan of an OT scope and refuses to run it without --yes', async () => {
    const cli = harness(dir, store);
    const refused = await cli('discover', 'run', 'Line 2');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/Plan for "Line 2" \(OT scope\)/);
    expect(refused.err).toMatch(/safety {7}20 req\/s, 4 hosts at once, 100 ms per-device spacing/);
    expect(refused.err).toMatch(/"Line 2" is an OT scope; review the plan above and run again with --yes to confirm/);
  });

  it('adds BACnet and OPC UA scopes with their options', async () => {
    const cli = harness(dir, store);
    const bacnet = await cli(
      '--json',
      'scopes',
      'add',
      'Building A',
      '--protocol',
      'BACnet',
      '--targets',
      '127.0.0.3',
      '--instance-range',
      '1000-1999',
      '--bacnet-network',
      '5',
      '--bbmd',
      '127.0.0.4:47808',
      '--iam-wait-ms',
      '1000',
      '--local-port',
      '47810',
    );
    expect(bacnet.err).toBe('');
    expect(JSON.parse(bacnet.out)).toMatchObject({
      protocol: 'bacnet',
      ports: [47808],
      ot: true,
      options: {
        instanceRanges: [{ low: 1000, high: 1999 }],
        networks: [5],
        bbmd: { host: '127.0.0.4', port: 47808, ttlSeconds: 300 },
        iAmWaitMs: 1000,
        localPort: 47810,
      },
    });
    const opcua = await cli(
      '--json',
      'scopes',
      'add',
      'Gateway',
      '--protocol',
      'opcua',
      '--targets',
      '127.0.0.5',
      '--port',
      '4841',
      '--endpoint-path',
      '/UA/Server',
      '--no-browse',
    );
    expect(JSON.parse(opcua.out)).toMatchObject({ protocol: 'opcua', ports: [4841], options: { endpointPath: '/UA/Server', browse: false, deviceSet: true } });
    const plan = await cli('discover', 'plan', 'Gateway');
    expect(plan.out).toMatch(/credentials {2}\(none: anonymous\)/);
    expect(plan.out).toMatch(/reads {8}endpoints at \/UA\/Server/);
  });

  it('names the flag of every argument mistake', async () => {
    const cli = harness(dir, store);
    const add = (...flags: string[]) => cli('scopes', 'add', 'Bad', '--targets', '127.0.0.1', ...flags);
    const cases: [string[], RegExp][] = [
      [
        ['--protocol', 'zigbee'],
        /option '--protocol <name>' argument 'zigbee' is invalid\. "zigbee" is not a valid protocol; use one of: snmp, modbus, bacnet, opcua\./,
      ],
      [['--protocol', 'modbus', '--unit-ids', '1,300'], /option '--unit-ids <ids>' argument '1,300' is invalid\. "300" is not a valid unit id/],
      [
        ['--protocol', 'modbus', '--register-range', 'holding:0'],
        /option '--register-range <table:start:count\[:label\]>' argument 'holding:0' is invalid\. .*write table:start:count\[:label\]/,
      ],
      [['--protocol', 'bacnet', '--unit-ids', '1'], /--unit-ids is an option of a Modbus scope; this one is bacnet \(give --protocol modbus\)\./],
      [['--unit-ids', '1'], /--unit-ids is an option of a Modbus scope; this one is snmp/],
      [['--protocol', 'modbus', '--identify'], /--identify is an option of an SNMP scope; this one is modbus/],
      [['--protocol', 'bacnet', '--instance-range', '9-3'], /option '--instance-range <low-high>' argument '9-3' is invalid\. "9-3" ends before it starts/],
      [['--protocol', 'bacnet', '--bbmd-ttl', '60'], /--bbmd-ttl needs --bbmd <host\[:port\]>\./],
      [
        ['--protocol', 'bacnet', '--iam-wait-ms', '100'],
        /option '--iam-wait-ms <ms>' argument '100' is invalid\. "100" is not a valid wait in ms; use a whole number from 200 to 60000\./,
      ],
      [
        ['--protocol', 'opcua', '--security-mode', 'encrypt'],
        /option '--security-mode <mode>' argument 'encrypt' is invalid\. .*use one of: auto, None, Sign, SignAndEncrypt\./,
      ],
      [['--protocol', 'opcua', '--max-depth', '65'], /option '--max-depth <n>' argument '65' is invalid/],
      [['--protocol', 'modbus', '--unit-ids', Array.from({ length: 33 }, (_, i) => i).join(',')], /--unit-ids: /],
    ];
    for (const [flags, message] of cases) {
      const result = await add(...flags);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.err, flags.join(' ')).toMatch(message);
      expect(result.err, flags.join(' ')).toContain('Run "fieldwise scopes add --help" for usage.');
    }
    const list = await cli('--json', 'scopes', 'list');
    expect((JSON.parse(list.out) as { name: string }[]).map((s) => s.name)).not.toContain('Bad');
  });

  it('discover modbus saves the sweep as an OT scope and, without --yes, stops at the plan', async () => {
    const cli = harness(dir, store);
    const result = await cli('discover', 'modbus', '--targets', '127.0.0.6', '--unit-ids', '3', '--no-identification', '--scope', 'Skid 4');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Plan for "Skid 4" \(OT scope\)/);
    expect(result.err).toMatch(/reads {8}unit id 3 \(no other id is tried\); SunSpec/);
    expect(result.err).toMatch(/run again with --yes/);
    const wrong = await cli('discover', 'bacnet', '--targets', '127.0.0.6', '--scope', 'Skid 4');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/Scope "Skid 4" is a modbus scope; give another --scope name for this bacnet sweep\./);
    // Confirmed, a plan that cannot start (here, in a build without the collector) says so and sends nothing.
    const plan = await cli('--json', 'discover', 'plan', 'Skid 4');
    const { canStart } = JSON.parse(plan.out) as { canStart: boolean };
    if (!canStart) {
      const blocked = await cli('discover', 'run', 'Skid 4', '--yes');
      expect(blocked.code).toBe(1);
      expect(blocked.err).toMatch(/"Skid 4" cannot start: see the warnings \(!\) of the plan above\./);
    }
    const flag = await cli('discover', 'opcua', '--targets', '127.0.0.6', '--unit-ids', '1');
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/unknown option '--unit-ids'/);
  });

  it('adds OPC UA credential sets: the password from stdin, the private key from a file, never on the command line', async () => {
    const cli = harness(dir, store, { secrets: async (labels) => labels.map((label) => `${label} of the operator`) });
    const user = await cli('credentials', 'add', 'plant-ua', '--kind', 'opcua_user', '--user', 'operator');
    expect(user.err).toBe('');
    expect(user.code).toBe(0);
    expect(user.out).toMatch(/Saved credential set "plant-ua" \(opcua_user\)/);
    const keyFile = join(dir.path, 'client.key');
    await writeFile(keyFile, (await selfSignedCertificate()).privateKeyPem);
    const certFile = join(dir.path, 'client.pem');
    await writeFile(certFile, 'not a certificate\n');
    const badCert = await cli('credentials', 'add', 'plant-cert', '--kind', 'opcua_certificate', '--certificate', certFile, '--private-key', keyFile);
    expect(badCert.code).toBe(2);
    expect(badCert.err).toMatch(/--certificate: ".*client\.pem" holds no certificate in PEM form/);
    const missing = await cli(
      'credentials',
      'add',
      'plant-cert',
      '--kind',
      'opcua_certificate',
      '--certificate',
      join(dir.path, 'nope.pem'),
      '--private-key',
      keyFile,
    );
    expect(missing.err).toMatch(/--certificate: cannot read ".*nope\.pem" \(ENOENT\)/);

    const certificate = await selfSignedCertificate();
    await writeFile(certFile, certificate.certificatePem);
    await writeFile(keyFile, certificate.privateKeyPem);
    const cert = await cli('--json', 'credentials', 'add', 'plant-cert', '--kind', 'opcua_certificate', '--certificate', certFile, '--private-key', keyFile);
    expect(cert.err).toBe('');
    const saved = JSON.parse(cert.out) as { kind: string; settings: { certificatePem: string }; secrets: { slot: string }[] };
    expect(saved).toMatchObject({ kind: 'opcua_certificate', settings: { certificatePem: expect.stringContaining('-----BEGIN CERTIFICATE-----') } });
    expect(saved.secrets.map((s) => s.slot)).toEqual(['private_key']);
    expect(cert.out).not.toContain('PRIVATE KEY');

    const listed = await cli('credentials', 'list');
    expect(listed.out).toMatch(/plant-ua\s+opcua_user\s+operator/);
    expect(listed.out).toMatch(/plant-cert\s+opcua_certificate/);
    expect(listed.out + user.out).not.toContain('of the operator');

    const scoped = await cli('--json', 'scopes', 'add', 'Gateway 2', '--protocol', 'opcua', '--targets', '127.0.0.7', '--credential', 'plant-ua');
    expect(JSON.parse(scoped.out)).toMatchObject({ credentialSets: [{ name: 'plant-ua', kind: 'opcua_user' }] });
  });

  it('refuses credential flags that do not fit the kind, naming them', async () => {
    const cli = harness(dir, store);
    const cases: [string[], RegExp][] = [
      [['--kind', 'opcua_user'], /An OPC UA user credential set needs --user <user name>\./],
      [['--kind', 'opcua_user', '--user', 'op'], /No password given \(type it at the prompt, or pipe it on stdin\)\./],
      [['--kind', 'opcua_certificate'], /needs --certificate <pem-file>\./],
      [['--kind', 'v2c', '--certificate', 'x.pem'], /--certificate does not apply to --kind v2c\./],
      [
        ['--kind', 'v4'],
        /option '--kind <kind>' argument 'v4' is invalid\. "v4" is not a valid credential kind; use one of: v1, v2c, v3, snmp_v1, snmp_v2c, snmp_v3, opcua_user, opcua_certificate\./,
      ],
    ];
    for (const [flags, message] of cases) {
      const result = await cli('credentials', 'add', 'x', ...flags);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.err, flags.join(' ')).toMatch(message);
    }
  });
});
