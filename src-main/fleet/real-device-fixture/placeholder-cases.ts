// Cases where firmware reports a filler instead of an identifier: SMBIOS serial strings left as the
// board maker shipped them and placeholder system UUIDs. Every unit of such a board reports the
// same value, so the value identifies none of them; another source may still hold the real one.
import type { RealDeviceCase } from './fixture-case.js';

const EVE_PLACEHOLDERS = { title: 'lf-edge/eve#6381: placeholder DMI serials (To be filled by O.E.M., Default string, System Serial Number, 0123456789)', url: 'https://github.com/lf-edge/eve/pull/6381' };
const OSQUERY_UUIDS = { title: 'osquery#4374: placeholder hardware UUIDs (all zero, 03000200-0400-0500-0006-000700080009, ...)', url: 'https://github.com/osquery/osquery/pull/4374' };
const SMBIOS_SPEC = { title: 'DMTF SMBIOS specification (DSP0134), System Information UUID: all 00h = not present, all FFh = not set', url: 'https://www.dmtf.org/standards/smbios' };

export const PLACEHOLDER_CASES: readonly RealDeviceCase[] = [
  {
    id: 'oem-placeholder-serial-unrelated',
    behaviour: 'Two self-built desktops on boards whose SMBIOS serial was never programmed both report "To be filled by O.E.M.".',
    expected: 'Two desktops.',
    references: [EVE_PLACEHOLDERS, { title: 'sarxos/secure-tokens#5: Windows reports "To be filled by O.E.M." as serial', url: 'https://github.com/sarxos/secure-tokens/issues/5' }],
    networks: { 'hq-lan': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781001', entity: 'd1', assetClass: 'workstation', fields: { hostname: 'HQD512001', serial: 'To be filled by O.E.M.', vendor: 'To be filled by O.E.M.' }, nics: [['Ethernet', 'D8-BB-C1-10-20-30', '10.64.4.10', 'hq-lan']] },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781002', entity: 'd2', assetClass: 'workstation', fields: { hostname: 'HQD512002', serial: 'To be filled by O.E.M.', vendor: 'To be filled by O.E.M.' }, nics: [['Ethernet', 'D8-BB-C1-10-20-31', '10.64.4.11', 'hq-lan']] },
    ],
  },
  {
    id: 'default-string-one-side',
    behaviour: 'MSI boards report "Default string" as system serial; the asset register holds the board serial from the label. Same machine, placeholder on one side only.',
    expected: 'One desktop: the endpoint record and the CMDB row share host name, asset tag and MAC.',
    references: [{ title: 'fusioninventory#2823: MSI mainboards report SSN "Default string"', url: 'https://github.com/fusioninventory/fusioninventory-for-glpi/issues/2823' }, EVE_PLACEHOLDERS],
    networks: { 'branch-gdansk': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781101', entity: 'd', assetClass: 'workstation', fields: { hostname: 'GDAD733415', serial: 'Default string', vendor: 'Micro-Star International Co., Ltd.', model: 'MS-7C56', asset_tag: 'AT733415' }, nics: [['Ethernet', '00-D8-61-AB-CD-EF', '10.67.0.33', 'branch-gdansk']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: '9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d70', entity: 'd', assetClass: 'workstation', fields: { hostname: 'GDAD733415', serial: 'K2A7BC4D9EF1', vendor: 'MSI', asset_tag: 'AT733415' }, nics: [[null, '00:D8:61:AB:CD:EF', '10.67.0.91', 'branch-gdansk']], ageDays: 60 },
    ],
  },
  {
    id: 'system-serial-number-and-counting-pattern',
    behaviour: 'Other unprogrammed serials: the field\'s own name ("System Serial Number") and the counting pattern "0123456789", each on two unrelated machines.',
    expected: 'Four machines.',
    references: [EVE_PLACEHOLDERS, { title: 'MicrosoftDocs/OfficeDocs-O365ITPro#710: devices report "System Serial Number"', url: 'https://github.com/MicrosoftDocs/OfficeDocs-O365ITPro/issues/710' }],
    networks: { 'hq-lan': 'dhcp', 'fra-dc': 'static' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781201', entity: 'a', assetClass: 'workstation', fields: { hostname: 'HQD600001', serial: 'System Serial Number' }, nics: [['Ethernet', '04-D9-F5-00-00-01', '10.64.5.1', 'hq-lan']] },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781202', entity: 'b', assetClass: 'workstation', fields: { hostname: 'HQD600002', serial: 'System Serial Number' }, nics: [['Ethernet', '04-D9-F5-00-00-02', '10.64.5.2', 'hq-lan']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'a0c2e4b6d8f0a2c4e6b8d0f2a4c6e881', entity: 'c', assetClass: 'server', fields: { hostname: 'fralab0001', serial: '0123456789' }, nics: [['eno1', '18:c0:4d:00:00:01', '10.20.7.1', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'b1d3f5a7c9e1b3d5f7a9c1e3b5d7f992', entity: 'd', assetClass: 'server', fields: { hostname: 'fralab0002', serial: '0123456789' }, nics: [['eno1', '18:c0:4d:00:00:02', '10.20.7.2', 'fra-dc']] },
    ],
  },
  {
    id: 'placeholder-uuid-03000200',
    behaviour: 'AMI-based boards ship the SMBIOS UUID 03000200-0400-0500-0006-000700080009 unchanged; two unrelated desktops report it, each with a real serial.',
    expected: 'Two desktops.',
    references: [OSQUERY_UUIDS],
    networks: { 'branch-lyon': 'dhcp' },
    records: [
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781301', entity: 'a', assetClass: 'workstation', fields: { hostname: 'LYOD401122', serial: 'J4N0CV01X234567', bios_uuid: '03000200-0400-0500-0006-000700080009' }, nics: [['Ethernet', '1C-1B-0D-01-01-01', '10.65.1.22', 'branch-lyon']] },
      { source: 'endpoint-mgmt', kind: 'desktop_cache', nativeKey: '16781302', entity: 'b', assetClass: 'workstation', fields: { hostname: 'LYOD401187', serial: 'J4N0CV01X891011', bios_uuid: '03000200-0400-0500-0006-000700080009' }, nics: [['Ethernet', '1C-1B-0D-02-02-02', '10.65.1.87', 'branch-lyon']] },
    ],
  },
  {
    id: 'zero-and-ff-uuid',
    behaviour: 'Servers whose BIOS leaves the system UUID all zero (not present) or all FF (not set) report the same UUID as every other such server.',
    expected: 'Four servers.',
    references: [SMBIOS_SPEC, OSQUERY_UUIDS, { title: 'SolidRun/lx2160a_uefi#4: one hard-coded SMBIOS UUID for all systems, changed to all zeroes', url: 'https://github.com/SolidRun/lx2160a_uefi/issues/4' }],
    networks: { 'ams-dc': 'static' },
    records: ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'].map((uuid, i) => ({
      source: 'cmdb',
      kind: 'servers_cache' as const,
      nativeKey: `c2e4a6b8d0f2a4c6e8b0d2f4a6c8e0a${i}`,
      entity: `s${i}`,
      assetClass: 'server' as const,
      fields: { hostname: `amsedge000${i}`, serial: `S9900012${i}`, bios_uuid: uuid, vendor: 'Supermicro' },
      nics: [['eno1', `3c:ec:ef:00:00:0${i}`, `10.30.8.${i + 1}`, 'ams-dc']],
    })),
  },
];
