// Words for the inventory filters that figures elsewhere open (the dashboard, the software page),
// shown as removable chips above the grid so the list always says what it is showing.
import type { AssetFilter } from '../../src-shared/api/inventory.js';
import { ASSET_FIELD_LABELS } from '../../src-shared/model/asset-fields.js';

/** The door filters' keys, each removed on its own (the two ends of a range together). */
export type DoorFilterKey = 'software' | 'site' | 'lastSeen' | 'quality' | 'missingField';

export interface DoorFilterLabel {
  key: DoorFilterKey;
  label: string;
  /** What removing the chip sets in the filter. */
  clear: Partial<AssetFilter>;
}

const NO_SITE = 'No named network';

function day(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

export function doorFilterLabels(filter: AssetFilter): DoorFilterLabel[] {
  const labels: DoorFilterLabel[] = [];
  if (filter.software) {
    const { name, vendor, version } = filter.software;
    const product = vendor ? `${name} (${vendor})` : name;
    const which = version === undefined ? 'any version' : version === null ? 'no version recorded' : version;
    labels.push({ key: 'software', label: `Software: ${product}, ${which}`, clear: { software: undefined } });
  }
  if (filter.site !== undefined) labels.push({ key: 'site', label: `Site: ${filter.site === '' ? NO_SITE : filter.site}`, clear: { site: undefined } });
  if (filter.lastSeenFrom || filter.lastSeenBefore) {
    const from = filter.lastSeenFrom ? `since ${day(filter.lastSeenFrom)}` : '';
    const before = filter.lastSeenBefore ? `before ${day(filter.lastSeenBefore)}` : '';
    labels.push({ key: 'lastSeen', label: `Last seen ${[from, before].filter(Boolean).join(' and ')} (UTC)`, clear: { lastSeenFrom: undefined, lastSeenBefore: undefined } });
  }
  if (filter.qualityFrom !== undefined || filter.qualityBelow !== undefined) {
    const from = filter.qualityFrom !== undefined ? `≥ ${percent(filter.qualityFrom)}` : '';
    const below = filter.qualityBelow !== undefined ? `< ${percent(filter.qualityBelow)}` : '';
    labels.push({ key: 'quality', label: `Quality ${[from, below].filter(Boolean).join(' and ')}`, clear: { qualityFrom: undefined, qualityBelow: undefined } });
  }
  if (filter.missingField) labels.push({ key: 'missingField', label: `Missing: ${ASSET_FIELD_LABELS[filter.missingField]}`, clear: { missingField: undefined } });
  return labels;
}
