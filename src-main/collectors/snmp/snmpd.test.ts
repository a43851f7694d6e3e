// Against Debian's net-snmp daemon, when it is installed: started by the test on a loopback high
// port with its own config, never the system instance. Skipped with the reason printed otherwise.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../secrets/memory-credential-store.js';
import { MapCredentialMemory } from './credential-memory.js';
import { canonicalIp, identifiesHost, parseIp } from '../../../src-shared/lib/canonical-ip.js';
import { SnmpCollector } from './snmp-collector.js';
import type { SnmpHostRecord } from './snmp-host-record.js';
import { randomBasePort } from './test-support.js';

const snmpdPath = ['/usr/sbin/snmpd', '/usr/local/sbin/snmpd'].find((p) => spawnSync('test', ['-x', p]).status === 0);
if (!snmpdPath) console.warn('[snmpd.test] skipped: snmpd is not installed (apt-get install snmpd to run this test)');

describe.skipIf(!snmpdPath)('SnmpCollector against a real net-snmp snmpd on 127.0.0.1', () => {
  let daemon: ChildProcess | undefined;
  let dir = '';
  const port = randomBasePort() + 7;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fw-snmpd-'));
    const conf = join(dir, 'snmpd.conf');
    writeFileSync(conf, ['rocommunity fw-test 127.0.0.1', 'sysName fw-snmpd-test', 'sysLocation loopback lab', 'sysContact test@example.invalid', `persistentDir ${dir}`].join('\n'));
    daemon = spawn(snmpdPath ?? 'snmpd', ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'pid'), `udp:127.0.0.1:${port}`], { stdio: 'ignore', env: { ...process.env, SNMP_PERSISTENT_DIR: dir } });
    await new Promise((r) => setTimeout(r, 700));
  });
  afterAll(async () => {
    // snmpd saves its persistent state on shutdown: wait for it to exit before removing the directory.
    const d = daemon;
    if (d && d.exitCode === null) {
      const exited = new Promise<void>((resolve) => d.once('exit', () => resolve()));
      d.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  });

  it('reads system, interfaces, HOST-RESOURCES and installed software', async () => {
    const collector = new SnmpCollector({ store: new MemoryCredentialStore({ 'snmpd/community': 'fw-test' }), memory: new MapCredentialMemory() });
    const outcome = await collector.collectHost({ host: '127.0.0.1', port }, [{ id: 'snmpd', version: 'v2c', communityRef: 'snmpd/community' }], { limits: { timeoutMs: 1000 } });
    expect(outcome.status).toBe('found');
    const obs = outcome.observation;
    expect(obs?.fields.name).toBe('fw-snmpd-test');
    expect(obs?.fields.sys_object_id).toMatch(/^1\.3\.6\.1\.4\.1\.8072\./);
    expect(obs?.nativeKey).toMatch(/^snmp:engine:[0-9a-f]+$/);
    expect(obs?.assetClass).toBe('server');
    expect(obs?.interfaces.some((i) => i.name === 'lo')).toBe(true);
    expect(obs?.software.length).toBeGreaterThan(10);
  });

  it("stores only the host's own addresses, canonically, and splits the packages Debian lists", async () => {
    const collector = new SnmpCollector({ store: new MemoryCredentialStore({ 'snmpd/community': 'fw-test' }), memory: new MapCredentialMemory() });
    const outcome = await collector.collectHost({ host: '127.0.0.1', port }, [{ id: 'snmpd', version: 'v2c', communityRef: 'snmpd/community' }]);
    const obs = outcome.observation;
    const raw = obs?.raw as SnmpHostRecord | undefined;
    if (!obs || !raw) throw new Error('no observation');
    // Every address the agent listed is stored canonically (IPv6 compressed: "::1").
    for (const row of raw.ipAddresses) expect(row.address).toBe(canonicalIp(row.address));
    expect(raw.ipAddresses.some((r) => r.address === '127.0.0.1')).toBe(true);
    // Interface addresses can each stand for this host: no loopback, link-local or broadcast.
    const broadcast = new Set(raw.ipAddresses.filter((r) => r.type === 3).map((r) => r.address));
    for (const ip of obs.interfaces.flatMap((i) => i.ips)) {
      const parsed = parseIp(ip.address);
      expect(parsed && identifiesHost(parsed), ip.address).toBe(true);
      expect(broadcast.has(ip.address), ip.address).toBe(false);
    }
    expect(obs.interfaces.find((i) => i.name === 'lo')?.ips).toEqual([]);
    // Debian's agent lists dpkg packages as name_version_arch.
    for (const [i, row] of raw.software.entries()) {
      if (!/^[^_\s]+_[^_\s]+_[^_\s]+$/.test(row.name)) continue;
      const [name, version] = row.name.split('_');
      expect(obs.software[i], row.name).toEqual({ name, version });
    }
  });
});
