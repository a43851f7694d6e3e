// How well reconciliation did on a sample a person labelled: the truth file names source records
// (source name, native key, optionally source kind) and the real thing each is (any label); every
// labelled record is compared with the asset it belongs to now. Pairwise precision, recall and F1,
// and the worst false merges and missed merges, each member named so a steward can look.
import { parse } from 'csv-parse/sync';
import { evaluatePartition, naturalKeyOf, type PartitionEvaluation } from '../../engine/reconcile/index.js';
import type { Database } from '../../db/database.js';

export interface TruthRow {
  sourceName: string;
  sourceKind: string | null;
  nativeKey: string;
  entity: string;
}

export class TruthFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TruthFileError';
  }
}

/** Reads a truth CSV: header with source_name, native_key and entity (source_kind optional), any delimiter among , ; tab. */
export function parseTruthCsv(text: string, fileName: string): TruthRow[] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0).replace(/^\uFEFF/, '');
  const delimiter = [',', ';', '\t'].find((d) => firstLine.split(d).length >= 3) ?? ',';
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), delimiter, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (error) {
    throw new TruthFileError(`${fileName}: not readable as CSV: ${(error as Error).message}`);
  }
  const first = rows[0];
  if (!first) throw new TruthFileError(`${fileName} holds no labelled records.`);
  for (const column of ['source_name', 'native_key', 'entity']) {
    if (!(column in first)) throw new TruthFileError(`${fileName} has no "${column}" column; its header must name source_name, native_key and entity (source_kind is optional).`);
  }
  return rows.map((r, i) => {
    if (!r.source_name || !r.native_key || !r.entity) throw new TruthFileError(`${fileName} line ${i + 2}: source_name, native_key and entity must all be filled in.`);
    return { sourceName: r.source_name, sourceKind: r.source_kind || null, nativeKey: r.native_key, entity: r.entity };
  });
}

export function evaluateAgainstTruth(db: Database, truth: readonly TruthRow[]): PartitionEvaluation & { unknownSources: string[] } {
  const sources = db.prepare('SELECT seq, kind, name FROM sources').all() as { seq: number; kind: string; name: string }[];
  const unknownSources = new Set<string>();
  const labels = new Map<string, string>();
  const assignment = new Map<string, string>();
  const lookup = db.prepare('SELECT a.uid FROM records r JOIN assets a ON a.id = r.asset_id WHERE r.source_seq = ? AND r.native_key = ?').pluck();
  for (const row of truth) {
    const matching = sources.filter((s) => s.name === row.sourceName && (row.sourceKind === null || s.kind === row.sourceKind));
    if (matching.length === 0) {
      unknownSources.add(row.sourceKind ? `${row.sourceKind}/${row.sourceName}` : row.sourceName);
      continue;
    }
    for (const source of matching) {
      const key = naturalKeyOf(`${source.kind}/${source.name}`, row.nativeKey);
      labels.set(key, row.entity);
      const asset = lookup.get(source.seq, row.nativeKey) as string | undefined;
      if (asset !== undefined) assignment.set(key, asset);
    }
  }
  return { ...evaluatePartition(assignment, labels), unknownSources: [...unknownSources].sort() };
}
