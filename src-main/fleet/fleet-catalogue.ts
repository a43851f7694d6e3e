// What the synthetic estate is made of: vendors with the spellings different sources use, MAC
// OUIs, models (with the product codes devices report over Modbus and the short forms people write
// in hand-kept lists), OS strings and installable software.
import type { AssetClass } from '../../src-shared/model/index.js';

export interface CatalogueVendor {
  /** Spellings seen in the wild for this vendor. */
  spellings: readonly string[];
  ouis: readonly string[];
  models: readonly string[];
  /** What a device answers to Modbus device identification (ProductCode), by model. */
  productCodes?: Readonly<Record<string, string>>;
  /** How people write a model in hand-kept lists (seed lists, spreadsheets), by model. */
  modelAliases?: Readonly<Record<string, readonly string[]>>;
  /** Whether its devices answer Modbus device identification (function 43/14). */
  modbus?: boolean;
  /** The operating systems its network devices run. */
  os?: readonly string[];
  /** The sysObjectID its network devices answer SNMP with. */
  sysObjectId?: string;
}

export const VENDORS_BY_CLASS: Partial<Record<AssetClass, readonly CatalogueVendor[]>> = {
  server: [
    { spellings: ['Dell Inc.', 'Dell EMC', 'DELL'], ouis: ['00:14:22', 'f8:bc:12', 'b0:83:fe'], models: ['PowerEdge R640', 'PowerEdge R740', 'PowerEdge R650'] },
    { spellings: ['HPE', 'Hewlett Packard Enterprise', 'HP', 'Hewlett-Packard'], ouis: ['3c:a8:2a', '94:40:c9', '98:f2:b3'], models: ['ProLiant DL360 Gen10', 'ProLiant DL380 Gen10'] },
    { spellings: ['Lenovo', 'LENOVO'], ouis: ['54:ee:75', '7c:d3:0a'], models: ['ThinkSystem SR650', 'ThinkSystem SR630'] },
    { spellings: ['Supermicro', 'Super Micro Computer, Inc.'], ouis: ['ac:1f:6b', '0c:c4:7a'], models: ['SYS-1029P', 'SYS-2029U'] },
  ],
  workstation: [
    { spellings: ['Dell Inc.', 'DELL'], ouis: ['18:db:f2', 'd4:81:d7'], models: ['OptiPlex 7090', 'Latitude 5420', 'Precision 3650'] },
    { spellings: ['HP', 'Hewlett-Packard', 'HP Inc.'], ouis: ['10:e7:c6', '64:51:06'], models: ['EliteDesk 800 G6', 'EliteBook 840 G8'] },
    { spellings: ['LENOVO', 'Lenovo'], ouis: ['8c:16:45', 'e8:6a:64'], models: ['ThinkPad T14', 'ThinkCentre M920q'] },
  ],
  network_device: [
    { spellings: ['Cisco Systems, Inc.', 'Cisco', 'cisco'], ouis: ['00:1b:54', '58:97:bd', '70:df:2f'], models: ['C9300-48P', 'N9K-C93180YC-EX', 'ISR4331'], os: ['Cisco IOS XE 17.6.4', 'Cisco IOS XE 17.9.3'], sysObjectId: '1.3.6.1.4.1.9.1.2494' },
    { spellings: ['Juniper Networks', 'Juniper Networks, Inc.'], ouis: ['00:05:85', '3c:61:04'], models: ['EX4300-48T', 'QFX5120'], os: ['Junos OS 21.4R3', 'Junos OS 22.2R1'], sysObjectId: '1.3.6.1.4.1.2636.1.1.1.2.63' },
    { spellings: ['Arista Networks', 'Arista'], ouis: ['00:1c:73', '44:4c:a8'], models: ['DCS-7050SX3', 'DCS-7280R'], os: ['Arista EOS 4.28.3M'], sysObjectId: '1.3.6.1.4.1.30065.1.3011.7050.3741.48' },
  ],
  firewall: [
    { spellings: ['Fortinet', 'Fortinet, Inc.'], ouis: ['00:09:0f', '90:6c:ac'], models: ['FortiGate 200F', 'FortiGate 600E'], os: ['FortiOS 7.2.5', 'FortiOS 7.0.12'], sysObjectId: '1.3.6.1.4.1.12356.101.1.2005' },
    { spellings: ['Palo Alto Networks'], ouis: ['00:1b:17', 'b4:0c:25'], models: ['PA-3220', 'PA-850'], os: ['PAN-OS 10.2.4'], sysObjectId: '1.3.6.1.4.1.25461.2.3.38' },
  ],
  plc: [
    {
      spellings: ['Siemens AG', 'SIEMENS', 'Siemens'],
      ouis: ['00:1b:1b', '00:0e:8c', '28:63:36'],
      models: ['S7-1500 CPU 1516-3', 'S7-1200 CPU 1214C'],
      modelAliases: { 'S7-1500 CPU 1516-3': ['S7-1516', 'CPU 1516-3 PN/DP'], 'S7-1200 CPU 1214C': ['S7-1200', 'CPU 1214C DC/DC/DC'] },
    },
    {
      spellings: ['Rockwell Automation', 'Allen-Bradley', 'Rockwell Automation/Allen-Bradley'],
      ouis: ['00:00:bc', '5c:88:16'],
      models: ['ControlLogix 1756-L83E', 'CompactLogix 5380'],
      modelAliases: { 'ControlLogix 1756-L83E': ['1756-L83E'], 'CompactLogix 5380': ['5069-L320ER'] },
    },
    {
      spellings: ['Schneider Electric', 'Schneider Electric SE', 'Modicon'],
      ouis: ['00:80:f4', '00:00:54'],
      models: ['Modicon M580', 'Modicon M340'],
      productCodes: { 'Modicon M580': 'BMEP584040', 'Modicon M340': 'BMXP342020' },
      modelAliases: { 'Modicon M580': ['M580', 'BMEP584040'], 'Modicon M340': ['M340'] },
      modbus: true,
    },
    {
      spellings: ['WAGO Kontakttechnik GmbH', 'WAGO', 'Wago'],
      ouis: ['00:30:de'],
      models: ['PFC200 750-8212', 'PFC100 750-8101'],
      productCodes: { 'PFC200 750-8212': '750-8212', 'PFC100 750-8101': '750-8101' },
      modelAliases: { 'PFC200 750-8212': ['750-8212', 'PFC200'], 'PFC100 750-8101': ['750-8101'] },
      modbus: true,
    },
  ],
  hmi: [
    { spellings: ['Siemens AG', 'SIEMENS'], ouis: ['00:1b:1b', '28:63:36'], models: ['SIMATIC TP1200 Comfort', 'SIMATIC KTP700'], modelAliases: { 'SIMATIC TP1200 Comfort': ['TP1200'], 'SIMATIC KTP700': ['KTP700 Basic'] } },
    { spellings: ['Rockwell Automation', 'Allen-Bradley'], ouis: ['00:00:bc'], models: ['PanelView Plus 7'], modelAliases: { 'PanelView Plus 7': ['PV+ 7', '2711P-T10C22D9P'] } },
  ],
  drive: [
    {
      spellings: ['ABB', 'ABB Oy', 'ABB Drives'],
      ouis: ['00:0f:e8'],
      models: ['ACS880', 'ACS580'],
      productCodes: { ACS880: 'ACS880-01-025A-3', ACS580: 'ACS580-01-033A-4' },
      modelAliases: { ACS880: ['ACS 880'], ACS580: ['ACS 580'] },
      modbus: true,
    },
    {
      spellings: ['Danfoss', 'Danfoss Drives A/S', 'Danfoss A/S'],
      ouis: ['00:1b:08'],
      models: ['VLT AutomationDrive FC 302', 'VLT HVAC Drive FC 102'],
      productCodes: { 'VLT AutomationDrive FC 302': 'FC-302P7K5T5', 'VLT HVAC Drive FC 102': 'FC-102P15KT4' },
      modelAliases: { 'VLT AutomationDrive FC 302': ['FC302', 'FC 302'], 'VLT HVAC Drive FC 102': ['FC102'] },
      modbus: true,
    },
    {
      spellings: ['Schneider Electric', 'Schneider Electric SE'],
      ouis: ['00:80:f4'],
      models: ['Altivar Process ATV630', 'Altivar Machine ATV340'],
      productCodes: { 'Altivar Process ATV630': 'ATV630U75N4', 'Altivar Machine ATV340': 'ATV340U15N4' },
      modelAliases: { 'Altivar Process ATV630': ['ATV630'], 'Altivar Machine ATV340': ['ATV340'] },
      modbus: true,
    },
    {
      spellings: ['Siemens AG', 'SIEMENS'],
      ouis: ['00:1b:1b'],
      models: ['SINAMICS G120', 'SINAMICS S120'],
      productCodes: { 'SINAMICS G120': '6SL3246-0BA22-1FA0', 'SINAMICS S120': '6SL3040-1MA01-0AA0' },
      modelAliases: { 'SINAMICS G120': ['G120'], 'SINAMICS S120': ['S120'] },
      modbus: true,
    },
  ],
  // Modbus TCP to RTU gateways: the drives behind one answer on its address, one unit id each.
  io_module: [
    { spellings: ['Moxa', 'Moxa Inc.', 'MOXA'], ouis: ['00:90:e8'], models: ['MGate MB3180', 'MGate MB3280'] },
    { spellings: ['HMS Industrial Networks', 'HMS Networks', 'Anybus'], ouis: ['00:30:11'], models: ['Anybus Communicator Modbus TCP'] },
  ],
};

export const SERVER_OS: readonly (readonly [string, string])[] = [
  ['Microsoft Windows Server 2019 Standard', '10.0.17763'],
  ['Windows Server 2022 Datacenter', '10.0.20348'],
  ['Red Hat Enterprise Linux Server release 7.9 (Maipo)', '7.9'],
  ['Red Hat Enterprise Linux 8.6 (Ootpa)', '8.6'],
  ['Ubuntu 22.04.3 LTS', '22.04.3'],
  ['Debian GNU/Linux 12 (bookworm)', '12'],
];

export const DESKTOP_OS: readonly (readonly [string, string])[] = [
  ['Microsoft Windows 10 Enterprise', '10.0.19045'],
  ['Windows 11 Pro', '10.0.22631'],
  ['Microsoft Windows 11 Enterprise', '10.0.22631'],
];

export const NETWORK_OS: readonly string[] = ['Cisco IOS XE 17.6.4', 'Junos OS 21.4R3', 'Arista EOS 4.28.3M', 'FortiOS 7.2.5', 'PAN-OS 10.2.4'];

export const SOFTWARE: readonly { name: string; vendor: string; versions: readonly string[] }[] = [
  { name: 'OpenSSL', vendor: 'OpenSSL Software Foundation', versions: ['1.1.1w', '3.0.11', '3.0.13'] },
  { name: 'nginx', vendor: 'F5, Inc.', versions: ['1.24.0', '1.25.3'] },
  { name: 'PostgreSQL', vendor: 'PostgreSQL Global Development Group', versions: ['14.10', '15.5', '16.1'] },
  { name: 'Microsoft SQL Server 2019', vendor: 'Microsoft Corporation', versions: ['15.0.4345.5'] },
  { name: 'Google Chrome', vendor: 'Google LLC', versions: ['120.0.6099.130', '121.0.6167.85'] },
  { name: 'Mozilla Firefox', vendor: 'Mozilla', versions: ['121.0', '115.6.0esr'] },
  { name: '7-Zip', vendor: 'Igor Pavlov', versions: ['23.01', '22.01'] },
  { name: 'Microsoft Office Professional Plus 2019', vendor: 'Microsoft Corporation', versions: ['16.0.10730.20102'] },
  { name: 'VMware Tools', vendor: 'VMware, Inc.', versions: ['12.3.5', '12.1.5'] },
  { name: 'OpenJDK', vendor: 'Eclipse Adoptium', versions: ['17.0.9', '21.0.1'] },
  { name: 'Python', vendor: 'Python Software Foundation', versions: ['3.11.7', '3.12.1'] },
  { name: 'Docker Engine', vendor: 'Docker Inc.', versions: ['24.0.7', '25.0.0'] },
];
