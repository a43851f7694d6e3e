// The hand-labelled fixture of real device behaviours: every case, in the order
// docs/real-device-behaviours.md lists them.
import { ADDRESSING_CASES } from './addressing-cases.js';
import { CLOUD_CASES } from './cloud-cases.js';
import type { RealDeviceCase } from './fixture-case.js';
import { LIFECYCLE_CASES } from './lifecycle-cases.js';
import { PLACEHOLDER_CASES } from './placeholder-cases.js';
import { VIRTUAL_MAC_CASES } from './virtual-mac-cases.js';
import { VIRTUALISATION_CASES } from './virtualisation-cases.js';

export * from './fixture-case.js';

export const REAL_DEVICE_CASES: readonly RealDeviceCase[] = [...VIRTUAL_MAC_CASES, ...PLACEHOLDER_CASES, ...VIRTUALISATION_CASES, ...CLOUD_CASES, ...ADDRESSING_CASES, ...LIFECYCLE_CASES];
