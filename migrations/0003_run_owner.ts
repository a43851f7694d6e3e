// Migration 0003: which process owns a running run, so that a second process opening the same
// database (a CLI command while the window is open) does not mark the first one's runs interrupted.
export default /* sql */ `
ALTER TABLE discovery_runs ADD COLUMN owner_host TEXT;
ALTER TABLE discovery_runs ADD COLUMN owner_pid INTEGER;
`;
