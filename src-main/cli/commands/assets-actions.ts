// What `fieldwise assets list|show` do (loaded when one runs).
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { resolveAssetView } from '../runtime/resolve-asset-view.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { AssetsListOptions } from './assets-commands.js';

export async function listAssets(cli: CliContext, opts: AssetsListOptions): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const page = await call('assets.list', {
      offset: opts.offset,
      limit: Math.min(Math.max(opts.limit, 1), 1000),
      ...(await resolveAssetView(call, opts)),
    });
    if (cli.asJson()) return io.out(JSON.stringify(page, null, 2) + '\n');
    io.out(
      formatTable(
        ['ID', 'NAME', 'CLASS', 'IP', 'SERIAL', 'VENDOR', 'MODEL', 'OS', 'LAST SEEN'],
        page.items.map((a) => [a.id, a.name, a.class, a.primaryIp, a.serial, a.vendor, a.model, a.osName, a.lastSeen]),
      ),
    );
    io.out(`${page.items.length} of ${page.total} assets\n`);
  });
}

export async function showAsset(cli: CliContext, id: string): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const detail = await call('assets.get', { id });
    if (cli.asJson()) return io.out(JSON.stringify(detail, null, 2) + '\n');
    const s = detail.summary;
    io.out(
      `${s.name}  (${s.class}, ${s.status}${s.lifecycleStage ? `, ${s.lifecycleStage}` : ''})\nid ${s.id}  first seen ${s.firstSeen}  last seen ${s.lastSeen}\n\n`,
    );
    io.out(
      formatTable(
        ['FIELD', 'VALUE', 'SOURCE', 'CONFIDENCE', 'OBSERVED'],
        detail.fields.map((f) => [
          f.field,
          f.value === null ? '' : String(f.value),
          `${f.sourceName} (${f.sourceKind})`,
          f.confidence.toFixed(2),
          f.observedAt,
        ]),
        60,
      ),
    );
    if (detail.interfaces.length)
      io.out(
        '\nInterfaces\n' +
          formatTable(
            ['NAME', 'MAC', 'IPS'],
            detail.interfaces.map((n) => [n.name, n.mac, n.ips.map((i) => (i.network ? `${i.address} (${i.network})` : i.address)).join(', ')]),
            80,
          ),
      );
    if (detail.software.length)
      io.out(
        '\nSoftware\n' +
          formatTable(
            ['NAME', 'VERSION', 'VENDOR'],
            detail.software.map((sw) => [sw.name, sw.version, sw.vendor]),
          ),
      );
    if (detail.tags.length) io.out('\nTags: ' + detail.tags.map((t) => `${t.key}=${t.value}`).join(', ') + '\n');
  });
}
