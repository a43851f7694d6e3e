// Quality of one golden record, 0..1: completeness of the fields its class requires, and agreement
// between sources on the fields several of them report. A function of the records only; how recent
// they are is shown separately (freshness, stale status).
import type { AssetClass, AssetFieldName } from '../../../src-shared/model/index.js';
import type { ReconcileConfig } from './reconcile-config.js';
import type { GoldenField, QualityScore } from './reconcile-result.js';

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function scoreQuality(
  assetClass: AssetClass,
  fields: Partial<Record<AssetFieldName, GoldenField>>,
  agreement: Partial<Record<AssetFieldName, number>>,
  config: ReconcileConfig,
): QualityScore {
  const required = config.quality.requiredFields[assetClass] ?? config.quality.defaultRequiredFields;
  const missingFields = required.filter((f) => fields[f] === undefined);
  const completeness = required.length === 0 ? 1 : (required.length - missingFields.length) / required.length;
  const shares = Object.values(agreement);
  const agreementScore = shares.length === 0 ? 1 : shares.reduce((s, v) => s + v, 0) / shares.length;
  const disputedFields = (Object.entries(agreement) as [AssetFieldName, number][]).filter(([, v]) => v < 1).map(([k]) => k);
  const w = config.quality.weights;
  const total = w.completeness + w.agreement;
  const score = total === 0 ? 0 : (w.completeness * completeness + w.agreement * agreementScore) / total;
  return {
    score: round3(score),
    completeness: round3(completeness),
    agreement: round3(agreementScore),
    missingFields: [...missingFields],
    disputedFields,
  };
}
