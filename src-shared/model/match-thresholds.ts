// Where a match score (in bits: log2 of how much likelier the evidence is for one device than for
// two) becomes a merge or a question for a person. The engine's defaults and the labels the window
// shows next to every score come from here (docs/reconciliation.md, "Thresholds").
export const MATCH_MERGE_THRESHOLD = 10;
export const MATCH_REVIEW_THRESHOLD = 6.5;
