// Kinds of source an observation can come from: file imports, manual entry and collectors.
export const SOURCE_KINDS = [
  'servers_cache',
  'desktop_cache',
  'cloud_manual',
  'manual',
  'ot_seed',
  'ot_manual',
  'snmp',
  'modbus',
  'bacnet',
  'opcua',
  'aws',
  'azure',
  'gcp',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  servers_cache: 'Server inventory file',
  desktop_cache: 'Desktop inventory file',
  cloud_manual: 'Cloud instance file',
  manual: 'Manual entry',
  ot_seed: 'OT seed list',
  ot_manual: 'Manual OT entry',
  snmp: 'SNMP',
  modbus: 'Modbus TCP',
  bacnet: 'BACnet/IP',
  opcua: 'OPC UA',
  aws: 'AWS',
  azure: 'Azure',
  gcp: 'Google Cloud',
};

/** The file formats the import job understands. */
export const IMPORT_KINDS = ['servers_cache', 'desktop_cache', 'cloud_manual', 'ot_seed'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FILE_FORMATS = ['json', 'csv'] as const;
export type ImportFileFormat = (typeof IMPORT_FILE_FORMATS)[number];
