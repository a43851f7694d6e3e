// Generator B's products: vendors as different sources spell them, MAC prefixes, models and
// serial formats. Serial formats follow what the vendors print on their labels (Dell 7-character
// service tags, Cisco "FOC"+8, and so on), so a one-character typo looks like one.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';

export interface Product {
  /** How the device's own firmware / SMBIOS names the vendor. */
  vendor: string;
  /** How people and other tools write it (CMDB, seed lists, monitoring). */
  spellings: readonly string[];
  ouis: readonly string[];
  models: readonly string[];
  serial: (rng: Prng) => string;
}

const alnum = (rng: Prng, n: number): string => rng.alnum(n);
const digits = (rng: Prng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');

export const SERVER_PRODUCTS: readonly Product[] = [
  { vendor: 'Dell Inc.', spellings: ['Dell', 'DELL', 'Dell EMC'], ouis: ['f8:bc:12', 'b0:83:fe', 'd0:94:66'], models: ['PowerEdge R650', 'PowerEdge R750', 'PowerEdge R6525'], serial: (r) => alnum(r, 7) },
  { vendor: 'HPE', spellings: ['Hewlett Packard Enterprise', 'HP', 'HPE'], ouis: ['94:40:c9', 'b8:83:03'], models: ['ProLiant DL360 Gen10 Plus', 'ProLiant DL380 Gen11'], serial: (r) => `CZ${alnum(r, 8)}` },
  { vendor: 'Lenovo', spellings: ['LENOVO', 'Lenovo'], ouis: ['08:94:ef', '7c:d3:0a'], models: ['ThinkSystem SR650 V2', 'ThinkSystem SR630 V3'], serial: (r) => `J30${alnum(r, 5)}` },
  { vendor: 'Supermicro', spellings: ['Super Micro Computer, Inc.', 'Supermicro'], ouis: ['ac:1f:6b', '3c:ec:ef'], models: ['SYS-620P-TRT', 'AS-1124US-TNRP'], serial: (r) => `S${digits(r, 9)}` },
];

export const WORKSTATION_PRODUCTS: readonly Product[] = [
  { vendor: 'Dell Inc.', spellings: ['Dell', 'Dell Inc.'], ouis: ['18:db:f2', 'a4:bb:6d'], models: ['Latitude 7440', 'Latitude 5430', 'OptiPlex 7010'], serial: (r) => alnum(r, 7) },
  { vendor: 'HP', spellings: ['HP', 'HP Inc.', 'Hewlett-Packard'], ouis: ['64:51:06', '38:22:e2'], models: ['EliteBook 840 G9', 'ProDesk 600 G6'], serial: (r) => `5CG${alnum(r, 7)}` },
  { vendor: 'LENOVO', spellings: ['Lenovo', 'LENOVO'], ouis: ['8c:16:45', 'e8:6a:64'], models: ['21CB0068GE', '20XW004GUS', '11T3S0EX00'], serial: (r) => `PF${alnum(r, 6)}` },
];

/** Self-built and gaming-board machines: firmware fields left as the board maker shipped them. */
export const WHITE_BOX_PRODUCT: Product = { vendor: 'Micro-Star International Co., Ltd.', spellings: ['MSI', 'Micro-Star'], ouis: ['00:d8:61', 'd8:bb:c1'], models: ['MS-7C56', 'MS-7D25'], serial: (r) => `K2${alnum(r, 10)}` };

export const SWITCH_PRODUCTS: readonly Product[] = [
  { vendor: 'Cisco', spellings: ['Cisco Systems', 'cisco', 'Cisco'], ouis: ['00:1b:54', '70:df:2f', 'f8:7b:20'], models: ['C9300-48P', 'C9200L-24T-4G', 'N9K-C93180YC-FX'], serial: (r) => `FOC${alnum(r, 8)}` },
  { vendor: 'Juniper Networks', spellings: ['Juniper', 'Juniper Networks, Inc.'], ouis: ['3c:61:04', '28:8a:1c'], models: ['EX4400-48T', 'EX2300-24T'], serial: (r) => alnum(r, 12) },
  { vendor: 'Arista Networks', spellings: ['Arista', 'Arista Networks'], ouis: ['44:4c:a8', 'fc:bd:67'], models: ['DCS-7050SX3-48YC8', 'CCS-720XP-48ZC2'], serial: (r) => `JPE${alnum(r, 8)}` },
  { vendor: 'Aruba', spellings: ['HPE Aruba', 'Aruba Networks'], ouis: ['94:f1:28', '20:4c:03'], models: ['6300M JL658A', '6200F JL725A'], serial: (r) => `SG${alnum(r, 8)}` },
];

export const ROUTER_PRODUCTS: readonly Product[] = [
  { vendor: 'Cisco', spellings: ['Cisco Systems', 'Cisco'], ouis: ['00:1b:54', 'f8:7b:20'], models: ['ISR4431', 'C8300-1N1S-6T'], serial: (r) => `FDO${alnum(r, 8)}` },
  { vendor: 'Juniper Networks', spellings: ['Juniper'], ouis: ['3c:61:04'], models: ['MX204', 'SRX1500'], serial: (r) => alnum(r, 12) },
];

export const FORTINET: Product = { vendor: 'Fortinet', spellings: ['Fortinet', 'Fortinet, Inc.'], ouis: ['90:6c:ac', '70:4c:a5'], models: ['FortiGate 200F', 'FortiGate 600F'], serial: (r) => `FG2H0F${digits(r, 10)}` };
export const PALO_ALTO: Product = { vendor: 'Palo Alto Networks', spellings: ['Palo Alto Networks', 'PAN'], ouis: ['b4:0c:25', '08:30:6b'], models: ['PA-3220', 'PA-1410'], serial: (r) => digits(r, 12) };

export const PRINTER_PRODUCTS: readonly Product[] = [
  { vendor: 'HP', spellings: ['HP', 'Hewlett-Packard'], ouis: ['a0:8c:fd', '3c:52:82'], models: ['LaserJet M507', 'Color LaserJet MFP M480f'], serial: (r) => `VNB${alnum(r, 7)}` },
  { vendor: 'Canon', spellings: ['Canon', 'CANON'], ouis: ['00:1e:8f', '74:bf:c0'], models: ['imageRUNNER ADVANCE DX C3826i'], serial: (r) => `2${alnum(r, 7)}` },
  { vendor: 'RICOH', spellings: ['Ricoh', 'RICOH'], ouis: ['00:26:73'], models: ['IM C3000'], serial: (r) => `3${digits(r, 9)}` },
];

export const UPS_PRODUCT: Product = { vendor: 'APC', spellings: ['APC', 'Schneider Electric', 'American Power Conversion'], ouis: ['00:c0:b7', '28:29:86'], models: ['Smart-UPS SRT 5000', 'Smart-UPS X 3000'], serial: (r) => `AS${digits(r, 10)}` };

export interface OtProduct {
  vendor: string;
  /** How engineering documents abbreviate the vendor. */
  shortVendor: string;
  ouis: readonly string[];
  /** [order number / Modbus ProductCode, product name, firmware]. */
  variants: readonly (readonly [string, string, string])[];
  /** Answers Modbus Read Device Identification (FC 43/14). */
  modbus: boolean;
  /** Has an SNMP agent on its Ethernet port. */
  snmp: boolean;
}

export const PLC_PRODUCTS: readonly OtProduct[] = [
  { vendor: 'Siemens', shortVendor: 'Siemens', ouis: ['00:1b:1b', '28:63:36', '00:0e:8c'], variants: [['6ES7 516-3AN02-0AB0', 'CPU 1516-3 PN/DP', 'V2.9.4'], ['6ES7 214-1AG40-0XB0', 'CPU 1214C DC/DC/DC', 'V4.5.2']], modbus: false, snmp: true },
  { vendor: 'Schneider Electric', shortVendor: 'Schneider', ouis: ['00:80:f4'], variants: [['BMEP582040', 'Modicon M580', 'v3.20'], ['BMXP342020', 'Modicon M340', 'v3.40']], modbus: true, snmp: true },
  { vendor: 'Rockwell Automation', shortVendor: 'Allen-Bradley', ouis: ['00:00:bc', '5c:88:16'], variants: [['1756-L83E', 'ControlLogix 5580', '33.011'], ['5069-L320ER', 'CompactLogix 5380', '33.012']], modbus: false, snmp: true },
  { vendor: 'WAGO', shortVendor: 'Wago', ouis: ['00:30:de'], variants: [['750-8212', 'PFC200 G2', '03.10.08']], modbus: true, snmp: false },
];

export const HMI_PRODUCTS: readonly OtProduct[] = [
  { vendor: 'Siemens', shortVendor: 'Siemens', ouis: ['00:1b:1b', '28:63:36'], variants: [['6AV2 124-0MC01-0AX0', 'TP1200 Comfort', 'V17.0.0'], ['6AV2 123-2GB03-0AX0', 'KTP700 Basic', 'V17.0.0']], modbus: false, snmp: true },
  { vendor: 'Schneider Electric', shortVendor: 'Schneider', ouis: ['00:80:f4'], variants: [['HMIGTO5310', 'Harmony GTO', 'V6.3']], modbus: false, snmp: false },
  { vendor: 'Rockwell Automation', shortVendor: 'Allen-Bradley', ouis: ['00:00:bc'], variants: [['2711P-T10C22D9P', 'PanelView Plus 7', '12.011']], modbus: false, snmp: true },
];

export const DRIVE_PRODUCTS: readonly OtProduct[] = [
  { vendor: 'Schneider Electric', shortVendor: 'Schneider', ouis: ['00:80:f4'], variants: [['ATV630D15N4', 'Altivar Process ATV630', 'V3.3IE50'], ['ATV320U15N4B', 'Altivar Machine ATV320', 'V3.1IE29']], modbus: true, snmp: false },
  { vendor: 'ABB', shortVendor: 'ABB', ouis: ['00:30:11'], variants: [['ACS880-01-025A-3', 'ACS880', '3.51.0.0']], modbus: false, snmp: false },
  { vendor: 'Siemens', shortVendor: 'Siemens', ouis: ['00:1b:1b'], variants: [['6SL3246-0BA22-1FA0', 'SINAMICS G120C', 'V4.7.13']], modbus: false, snmp: true },
];

export const MODBUS_GATEWAY: OtProduct = { vendor: 'Moxa', shortVendor: 'Moxa', ouis: ['00:90:e8'], variants: [['MGate MB3180', 'MGate MB3180', 'v2.2']], modbus: false, snmp: true };
