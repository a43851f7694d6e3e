// The fixed taxonomy of asset classes. Stored as stable strings; labels are for display only.
export const ASSET_CLASSES = [
  'server',
  'workstation',
  'virtual_machine',
  'network_device',
  'firewall',
  'storage',
  'printer',
  'ups',
  'plc',
  'hmi',
  'drive',
  'building_controller',
  'io_module',
  'cloud_instance',
  'iot_device',
  'unknown',
] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export const ASSET_CLASS_LABELS: Record<AssetClass, string> = {
  server: 'Server',
  workstation: 'Workstation',
  virtual_machine: 'Virtual machine',
  network_device: 'Network device',
  firewall: 'Firewall',
  storage: 'Storage',
  printer: 'Printer',
  ups: 'UPS',
  plc: 'PLC',
  hmi: 'HMI',
  drive: 'Drive',
  building_controller: 'Building controller',
  io_module: 'I/O module',
  cloud_instance: 'Cloud instance',
  iot_device: 'IoT device',
  unknown: 'Unknown',
};

export function isAssetClass(value: string): value is AssetClass {
  return (ASSET_CLASSES as readonly string[]).includes(value);
}
