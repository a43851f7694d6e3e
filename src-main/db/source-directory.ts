// The sources of this database by every name they go by: the API's text id, the small integer the
// tables use (seq), and the portable reference "kind/name" the engine sees, which is the same in
// every database (so that asset ids and tie-breaks are too). Sources are few; they are read once
// and again only when one is not found.
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import type { Database } from './database.js';

export interface SourceEntry {
  id: string;
  seq: number;
  kind: SourceKind;
  name: string;
  /** "kind/name": the engine's sourceId. */
  ref: string;
}

export interface SourceDirectory {
  bySeq(seq: number): SourceEntry;
  byId(id: string): SourceEntry | undefined;
  byRef(ref: string): SourceEntry | undefined;
  all(): SourceEntry[];
}

export function sourceRefOf(kind: SourceKind, name: string): string {
  return `${kind}/${name}`;
}

export function createSourceDirectory(db: Database): SourceDirectory {
  const select = db.prepare('SELECT id, seq, kind, name FROM sources');
  let bySeqMap = new Map<number, SourceEntry>();
  let byIdMap = new Map<string, SourceEntry>();
  let byRefMap = new Map<string, SourceEntry>();
  const load = (): void => {
    bySeqMap = new Map();
    byIdMap = new Map();
    byRefMap = new Map();
    for (const r of select.all() as { id: string; seq: number; kind: SourceKind; name: string }[]) {
      const entry: SourceEntry = { ...r, ref: sourceRefOf(r.kind, r.name) };
      bySeqMap.set(r.seq, entry);
      byIdMap.set(r.id, entry);
      byRefMap.set(entry.ref, entry);
    }
  };
  load();
  const find = <K>(map: () => Map<K, SourceEntry>, key: K): SourceEntry | undefined => {
    let found = map().get(key);
    if (!found) {
      load();
      found = map().get(key);
    }
    return found;
  };
  return {
    bySeq(seq) {
      const found = find(() => bySeqMap, seq);
      if (!found) throw new Error(`Source #${seq} is not stored`);
      return found;
    },
    byId: (id) => find(() => byIdMap, id),
    byRef: (ref) => find(() => byRefMap, ref),
    all() {
      load();
      return [...bySeqMap.values()];
    },
  };
}
