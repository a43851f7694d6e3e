// `fieldwise ot seeds|add` and the example seed-list import command, run in-process against one
// data folder: seed targets per protocol and network, manual OT entry behind a parent, and
// argument errors that are printed.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_OT_SEED_IMPORT_ARGS } from '../../src-shared/model/example-import.js';
import { cliRunner } from '../test-support/cli-runner.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

describe('ot seeds and ot add', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-ot-cli-');
  });
  afterEach(async () => {
    await dir.remove();
  });
  const cli = cliRunner(() => dir.file('data'));

  it('imports the example seed list and prints its Modbus targets, all or on one network', async () => {
    const imported = await cli(...EXAMPLE_OT_SEED_IMPORT_ARGS.map((arg) => (arg.startsWith('examples/') ? `${REPOSITORY}${arg}` : arg)));
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/^Imported ot-seed-list\.csv: 8 read, 8 created/);

    const table = await cli('ot', 'seeds', '--protocol', 'modbus');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/ADDRESS\s+PORT\s+NETWORK\s+IDENTITY\s+NAME/);
    expect(table.out).toMatch(/10\.20\.1\.10\s+502\s+plant-a\s+unit 1\s+PLC-101/);
    expect(table.out).toMatch(/10\.20\.1\.20\s+502\s+plant-a\s+unit 255\s+GW-201/);

    const hosts = await cli('ot', 'seeds', '--protocol', 'OPCUA', '--network', 'plant-a', '--hosts');
    expect(hosts.out).toBe('10.20.1.11\n10.20.2.30:4841\n10.20.9.50\n');
    const json = JSON.parse((await cli('--json', 'ot', 'seeds', '--protocol', 'bacnet')).out) as { targets: { bacnetDevice: number }[] };
    expect(json.targets.map((t) => t.bacnetDevice)).toEqual([401001, 401002]);
    const none = await cli('ot', 'seeds', '--protocol', 'modbus', '--network', 'plant-z');
    expect(none.out).toContain('No seed entries for modbus on network plant-z');
  });

  it('adds a drive behind a parent asset and refuses bad values with a message', async () => {
    const parent = JSON.parse((await cli('--json', 'ot', 'add', '--class', 'plc', '--name', 'PLC-300', '--purdue', '1')).out) as { summary: { id: string } };
    const added = await cli('ot', 'add', '--class', 'drive', '--name', 'DRV-300-2', '--parent', parent.summary.id, '--vendor', 'Danfoss', '--purdue', '0', '--criticality', 'high', '--zone', 'Z-CELL-3');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(new RegExp(`^Added drive DRV-300-2 \\(asset [0-9a-f-]+\\) behind asset ${parent.summary.id}\\.\\n$`));
    const shown = await cli('assets', 'show', added.out.match(/asset ([0-9a-f-]{36})\)/)?.[1] ?? '');
    expect(shown.out).toMatch(/purdue_level\s+0\s+manual OT entry \(ot_manual\)/);
    expect(shown.out).toMatch(/zone\s+Z-CELL-3/);

    const badLevel = await cli('ot', 'add', '--class', 'drive', '--name', 'X', '--purdue', '9');
    expect(badLevel.code).not.toBe(0);
    expect(badLevel.err).toContain('expected a Purdue level');
    const badClass = await cli('ot', 'add', '--class', 'robot', '--name', 'X');
    expect(badClass.code).not.toBe(0);
    expect(badClass.err).toContain('"robot" is not a valid asset class');
    const badProtocol = await cli('ot', 'seeds', '--protocol', 'profinet');
    expect(badProtocol.code).not.toBe(0);
    expect(badProtocol.err).toContain('use one of: modbus, bacnet, opcua, snmp');
  });
});
