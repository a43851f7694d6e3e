// Turns the view options of `assets list` / `export assets` into the inventory's filter and sort.
// A --source names a source by id or name (any case), or a source kind; anything else is a usage
// error that lists the sources there are.
import type { AssetFilter, AssetListQuery } from '../../../src-shared/api/index.js';
import { SOURCE_KINDS, type SourceKind } from '../../../src-shared/model/source-kinds.js';
import type { AssetViewOptions } from '../asset-filter-options.js';
import { CliUsageError } from '../cli-errors.js';
import type { ApiCall } from './with-app-core.js';

export interface ResolvedView {
  filter: AssetFilter;
  sort: NonNullable<AssetListQuery['sort']>;
}

async function sourceFilter(call: ApiCall, source: string): Promise<Pick<AssetFilter, 'sourceId' | 'sourceKind'>> {
  const sources = await call('sources.list', {});
  const named = sources.find((s) => s.id === source) ?? sources.find((s) => s.name.toLowerCase() === source.toLowerCase());
  if (named) return { sourceId: named.id };
  const kind = SOURCE_KINDS.find((k) => k === source.toLowerCase());
  if (kind) return { sourceKind: kind as SourceKind };
  const known = sources.map((s) => s.name).sort();
  throw new CliUsageError(
    `No source "${source}". ${known.length ? `Sources: ${known.join(', ')}.` : 'Nothing has been imported or discovered yet.'} A source kind works too: ${SOURCE_KINDS.join(', ')}.`,
  );
}

export async function resolveAssetView(call: ApiCall, opts: AssetViewOptions): Promise<ResolvedView> {
  const filter: AssetFilter = {};
  if (opts.search?.trim()) filter.search = opts.search.trim();
  if (opts.class?.length) filter.classes = [...new Set(opts.class)];
  if (opts.tag?.trim()) filter.tag = opts.tag.trim();
  if (opts.status) filter.status = opts.status;
  if (opts.lifecycle) filter.lifecycleStage = opts.lifecycle;
  if (opts.source) Object.assign(filter, await sourceFilter(call, opts.source));
  return { filter, sort: { field: opts.sort, direction: opts.desc ? 'desc' : 'asc' } };
}
