// `fieldwise ot seeds|add`: the imported OT seed lists as target lists for active collectors, and
// manual entry of OT assets no protocol can see (docs/ot-seed-and-manual.md).
import type { Command } from 'commander';
import { ASSET_CLASSES, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { CRITICALITIES, type Criticality } from '../../../src-shared/model/ot-fields.js';
import { OT_SEED_PROTOCOLS, type OtSeedProtocol } from '../../../src-shared/model/ot-protocols.js';
import type { CliContext } from '../cli-context.js';
import { choice } from '../option-parsers.js';

export interface OtSeedsOptions {
  protocol: OtSeedProtocol;
  network?: string;
  hosts?: boolean;
}

export interface OtAddOptions {
  class: AssetClass;
  name: string;
  parent?: string;
  vendor?: string;
  model?: string;
  serial?: string;
  firmware?: string;
  description?: string;
  site?: string;
  area?: string;
  zone?: string;
  conduit?: string;
  purdue?: string;
  criticality?: Criticality;
  function?: string;
}

export function registerOtCommands(program: Command, cli: CliContext): void {
  const ot = program.command('ot').description('OT seed lists and OT assets entered by hand');
  ot.command('seeds')
    .description('the endpoints imported seed lists name for a protocol: the default targets of active collectors')
    .requiredOption('--protocol <name>', OT_SEED_PROTOCOLS.join(', '), choice(OT_SEED_PROTOCOLS, 'protocol'))
    .option('--network <name>', 'only endpoints on this network (site)')
    .option('--hosts', "print only the distinct endpoints, one a line, as a scope's target list takes them")
    .action(async (opts: OtSeedsOptions) => (await import('./ot-actions.js')).listSeedTargets(cli, opts));
  ot.command('add')
    .description('enter an OT asset no protocol can see (a serial drive, an I/O module, a safety relay)')
    .requiredOption('--class <class>', ASSET_CLASSES.join(', '), choice(ASSET_CLASSES, 'asset class'))
    .requiredOption('--name <name>', 'its tag or label')
    .option('--parent <asset-id>', 'the asset it sits behind or in (see assets list)')
    .option('--vendor <text>')
    .option('--model <text>')
    .option('--serial <text>')
    .option('--firmware <text>')
    .option('--description <text>')
    .option('--site <text>')
    .option('--area <text>', 'area, line or cell')
    .option('--zone <text>', 'IEC 62443 zone')
    .option('--conduit <text>', 'IEC 62443 conduit')
    .option('--purdue <level>', 'Purdue level: 0, 1, 2, 3, 3.5, 4 or 5')
    .option('--criticality <level>', CRITICALITIES.join(', '), choice(CRITICALITIES, 'criticality'))
    .option('--function <text>', 'the process function it serves')
    .action(async (opts: OtAddOptions) => (await import('./ot-actions.js')).addOtAsset(cli, opts));
}
