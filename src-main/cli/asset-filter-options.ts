// The inventory's filters, sort and columns as command-line options, shared by `assets list` and
// `export assets` so both read a view the same way (and the same way the inventory page does).
import { InvalidArgumentError, type Command } from 'commander';
import type { AssetSortField } from '../../src-shared/api/inventory.js';
import { ASSET_CLASSES, type AssetClass } from '../../src-shared/model/asset-classes.js';
import { ASSET_COLUMN_IDS, isAssetColumnId, type AssetColumnId } from '../../src-shared/model/asset-columns.js';
import { ASSET_STATUSES, LIFECYCLE_STAGES, type AssetStatus, type LifecycleStage } from '../../src-shared/model/lifecycle-stages.js';
import { SOURCE_KINDS } from '../../src-shared/model/source-kinds.js';
import { choice, choices } from './option-parsers.js';
import { ASSET_SORT_FIELDS } from './value-lists.js';

export interface AssetViewOptions {
  search?: string;
  class?: AssetClass[];
  tag?: string;
  status?: AssetStatus;
  lifecycle?: LifecycleStage;
  /** A source's name or id, or a source kind. */
  source?: string;
  sort: AssetSortField;
  desc?: boolean;
}

/** `--columns name,class,primaryIp` (or repeated): known columns, each once, in the order given. */
export function columnList(value: string, previous: AssetColumnId[] | undefined): AssetColumnId[] {
  const columns = [...(previous ?? [])];
  for (const raw of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const id = isAssetColumnId(raw) ? raw : ASSET_COLUMN_IDS.find((known) => known.toLowerCase() === raw.toLowerCase());
    if (id === undefined) throw new InvalidArgumentError(`"${raw}" is not a column; use any of: ${ASSET_COLUMN_IDS.join(', ')}.`);
    if (columns.includes(id)) throw new InvalidArgumentError(`The column "${id}" is listed twice.`);
    columns.push(id);
  }
  return columns;
}

export function addAssetViewOptions(command: Command): Command {
  return command
    .option('--search <text>', 'free text: name, hostname, IP, MAC, serial, vendor, model, installed software')
    .option('--class <class...>', `asset classes: ${ASSET_CLASSES.join(', ')}`, choices(ASSET_CLASSES, 'asset class'))
    .option('--tag <tag>', 'key or key=value')
    .option('--status <status>', `one of ${ASSET_STATUSES.join(', ')}`, choice(ASSET_STATUSES, 'status'))
    .option('--lifecycle <stage>', `lifecycle stage: ${LIFECYCLE_STAGES.join(', ')}`, choice(LIFECYCLE_STAGES, 'lifecycle stage'))
    .option('--source <source>', `a source by name (an import's --source-name, a discovery scope) or a source kind: ${SOURCE_KINDS.join(', ')}`)
    .option('--sort <field>', `one of ${ASSET_SORT_FIELDS.join(', ')}`, choice(ASSET_SORT_FIELDS, 'sort field'), 'name')
    .option('--desc', 'sort descending');
}
