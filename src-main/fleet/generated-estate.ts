// What every estate generator hands to tests and benchmarks: the observations as sources report
// them, the addressing of each network they name, and the true entity behind every record. The
// accuracy harness treats generator A (the tuning fleet), generator B (held out) and the
// hand-labelled fixture the same way through this one shape.
import type { NetworkAddressing } from '../../src-shared/model/index.js';
import type { NaturalKey, SourcedObservation } from '../engine/reconcile/index.js';

export interface GeneratedEstate {
  /** e.g. 'estate-b-20k-seed1'. */
  name: string;
  /** ISO-8601; observation times lie before it. */
  now: string;
  /** Every network named on an observed IP, with how it hands out addresses. */
  networks: Record<string, NetworkAddressing>;
  /** sourceId is the source's name (e.g. 'cmdb'); sourceKind its SourceKind. */
  observations: SourcedObservation[];
  /** naturalKeyOf(sourceName, nativeKey) -> true entity label. */
  truth: Map<NaturalKey, string>;
}
