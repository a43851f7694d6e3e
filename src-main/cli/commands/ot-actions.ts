// What `fieldwise ot seeds|add` do (loaded when one runs).
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { OtAddOptions, OtSeedsOptions } from './ot-commands.js';

export async function listSeedTargets(cli: CliContext, opts: OtSeedsOptions): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const result = await call('ot.seeds.targets', { protocol: opts.protocol, ...(opts.network ? { network: opts.network } : {}) });
    if (cli.asJson()) return cli.io.out(JSON.stringify(result, null, 2) + '\n');
    if (opts.hosts) return cli.io.out(result.hosts.map((h) => `${h}\n`).join(''));
    if (result.targets.length === 0) {
      return cli.io.out(`No seed entries for ${opts.protocol}${opts.network ? ` on network ${opts.network}` : ''}: import a seed list with fieldwise import FILE --kind ot_seed --network NAME.\n`);
    }
    const detail = (t: (typeof result.targets)[number]): string =>
      t.modbusUnit !== null ? `unit ${t.modbusUnit}` : t.bacnetDevice !== null ? `device ${t.bacnetDevice}` : (t.endpointUrl ?? '');
    cli.io.out(formatTable(['ADDRESS', 'PORT', 'NETWORK', 'IDENTITY', 'NAME', 'SEED LIST'], result.targets.map((t) => [t.address, t.port, t.network ?? '', detail(t), t.name ?? '', t.sourceName])));
  });
}

export async function addOtAsset(cli: CliContext, opts: OtAddOptions): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const optional = {
      vendor: opts.vendor,
      model: opts.model,
      serial: opts.serial,
      firmware: opts.firmware,
      description: opts.description,
      site: opts.site,
      area: opts.area,
      zone: opts.zone,
      conduit: opts.conduit,
      purdueLevel: opts.purdue,
      criticality: opts.criticality,
      processFunction: opts.function,
      parentAssetId: opts.parent,
    };
    const given = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
    const detail = await call('ot.assets.create', { class: opts.class, name: opts.name, ...given });
    if (cli.asJson()) return cli.io.out(JSON.stringify(detail, null, 2) + '\n');
    cli.io.out(`Added ${detail.summary.class} ${detail.summary.name} (asset ${detail.summary.id})${opts.parent ? ` behind asset ${opts.parent}` : ''}.\n`);
  });
}
