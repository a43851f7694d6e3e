// One icon per asset class, so a node, a row or a badge says what a thing is at a glance (always
// next to its name or class label, never instead of it).
import {
  IconAntenna,
  IconBatteryCharging,
  IconBox,
  IconBuilding,
  IconCloud,
  IconCpu,
  IconDatabase,
  IconDeviceDesktop,
  IconDeviceDesktopAnalytics,
  IconEngine,
  IconHelpCircle,
  IconPlug,
  IconPrinter,
  IconRouter,
  IconServer,
  IconWall,
} from '@tabler/icons-react';
import type { AssetClass } from '../../src-shared/model/asset-classes.js';

const ICONS = {
  server: IconServer,
  workstation: IconDeviceDesktop,
  virtual_machine: IconBox,
  network_device: IconRouter,
  firewall: IconWall,
  storage: IconDatabase,
  printer: IconPrinter,
  ups: IconBatteryCharging,
  plc: IconCpu,
  hmi: IconDeviceDesktopAnalytics,
  drive: IconEngine,
  building_controller: IconBuilding,
  io_module: IconPlug,
  cloud_instance: IconCloud,
  iot_device: IconAntenna,
  unknown: IconHelpCircle,
} as const satisfies Record<AssetClass, unknown>;

export function AssetClassIcon({ assetClass, size = 16 }: { assetClass: AssetClass; size?: number }) {
  const Icon = ICONS[assetClass];
  return <Icon size={size} aria-hidden stroke={1.6} />;
}
