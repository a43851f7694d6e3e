// Exports as one JSON document: what was exported (columns, time) and the assets, each an object
// keyed by column id with the stored values (class and lifecycle codes, not labels; numbers; ISO
// times). Written as it goes: the assets array is never held whole.
import type { Writable } from 'node:stream';
import { ASSET_COLUMNS, type AssetSummary } from '../../../src-shared/api/index.js';
import type { ExportDescription, ExportSink } from './export-sink.js';
import { writeText } from './write-text.js';

export function jsonAsset(asset: AssetSummary, columns: ExportDescription['columns']): Record<string, string | number | null> {
  const record: Record<string, string | number | null> = {};
  for (const id of columns) record[id] = ASSET_COLUMNS[id].value(asset);
  return record;
}

export function createJsonExportSink(out: Writable, description: ExportDescription): ExportSink {
  let count = 0;
  let opened = false;
  const opening = (): string => `{"exportedAt":${JSON.stringify(description.exportedAt)},"columns":${JSON.stringify(description.columns)},"assets":[`;
  return {
    async writeRows(rows) {
      let text = opened ? '' : opening();
      opened = true;
      for (const asset of rows) {
        text += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(jsonAsset(asset, description.columns))}`;
        count += 1;
      }
      await writeText(out, text);
    },
    async finish() {
      const start = opened ? '' : opening();
      opened = true;
      await writeText(out, `${start}${count === 0 ? '' : '\n'}],"count":${count}}\n`);
    },
  };
}
