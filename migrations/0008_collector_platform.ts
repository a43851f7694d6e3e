// Migration 0008: one collector platform for every discovery protocol (docs/collectors.md).
// - credential_sets become protocol-neutral: `protocol`, `kind`, non-secret `settings_json` and
//   `secrets_json` (slot → {ref, managed}: keychain references, never a secret). Existing SNMP sets
//   move over: v3_* columns → settings, *_ref columns → secrets. The table is reshaped in place
//   (ADD COLUMN, then DROP COLUMN) rather than copied and dropped: dropping the old table would run
//   its ON DELETE actions (credential_memory cascades, run hosts lose their credential), so keeping
//   the same table keeps every row that points at a set, and every foreign key, as it was.
// - discovery_scopes gain `options_json` (the protocol's options; SNMP scopes: {"protocol":"snmp"}).
// - discovery_run_hosts gain how many observations a target produced (a gateway reports devices
//   behind it) and the decisions only an operator can make (an untrusted OPC UA certificate).
// - Runs of every protocol are of kind 'discovery' (was 'snmp_discovery'); a run's plan names its
//   protocol and options.
export default /* sql */ `
PRAGMA defer_foreign_keys = ON;

ALTER TABLE credential_sets ADD COLUMN protocol TEXT NOT NULL DEFAULT 'snmp';
ALTER TABLE credential_sets ADD COLUMN settings_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE credential_sets ADD COLUMN secrets_json TEXT NOT NULL DEFAULT '{}';
UPDATE credential_sets SET
  protocol = 'snmp',
  settings_json = CASE WHEN kind = 'snmp_v3'
    THEN json_object('user', coalesce(v3_user, ''), 'level', coalesce(v3_level, 'noAuthNoPriv'), 'authProtocol', v3_auth_protocol,
                     'privProtocol', v3_priv_protocol, 'context', v3_context)
    ELSE '{}' END,
  secrets_json = (
    SELECT json_group_object(s.slot, json_object('ref', s.ref, 'managed',
             json(CASE WHEN substr(s.ref, 1, length('fieldwise/credential-sets/' || credential_sets.id || '/'))
                            = 'fieldwise/credential-sets/' || credential_sets.id || '/' THEN 'true' ELSE 'false' END)))
    FROM (SELECT 'community' AS slot, credential_sets.community_ref AS ref
          UNION ALL SELECT 'auth_key', credential_sets.auth_key_ref
          UNION ALL SELECT 'priv_key', credential_sets.priv_key_ref) s
    WHERE s.ref IS NOT NULL
  );
ALTER TABLE credential_sets DROP COLUMN v3_user;
ALTER TABLE credential_sets DROP COLUMN v3_level;
ALTER TABLE credential_sets DROP COLUMN v3_auth_protocol;
ALTER TABLE credential_sets DROP COLUMN v3_priv_protocol;
ALTER TABLE credential_sets DROP COLUMN v3_context;
ALTER TABLE credential_sets DROP COLUMN community_ref;
ALTER TABLE credential_sets DROP COLUMN auth_key_ref;
ALTER TABLE credential_sets DROP COLUMN priv_key_ref;
CREATE INDEX credential_sets_protocol ON credential_sets (protocol);

ALTER TABLE discovery_scopes ADD COLUMN options_json TEXT NOT NULL DEFAULT '{"protocol":"snmp"}';
UPDATE discovery_scopes SET options_json = json_object('protocol', protocol);

ALTER TABLE discovery_run_hosts ADD COLUMN observation_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discovery_run_hosts ADD COLUMN decisions_json TEXT NOT NULL DEFAULT '[]';
UPDATE discovery_run_hosts SET observation_count = 1 WHERE asset_uid IS NOT NULL;

UPDATE discovery_runs SET kind = 'discovery' WHERE kind = 'snmp_discovery';
UPDATE discovery_run_plans SET plan_json = json_set(plan_json, '$.protocol', 'snmp', '$.options', json('{"protocol":"snmp"}'))
  WHERE json_extract(plan_json, '$.protocol') IS NULL;
`;
