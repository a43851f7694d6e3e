// Proposes a column map for a CSV header written by another tool ("Host Name", "Serial Number",
// "IP Address"), for the UI or CLI to offer and the user to confirm. The reader never applies it on
// its own: a guess that is wrong would import values into the wrong fields without a word.
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { CLOUD_COLUMNS, HOST_COLUMNS, isImportColumn, OT_SEED_COLUMNS } from './import-columns.js';
import { normaliseColumnName } from './normalise-column-name.js';

// Keys are header names lower-cased with everything but letters and digits removed, so "Serial
// Number", "serial-number" and "SERIAL_NUMBER" are one entry.
const HOST_SYNONYMS: Readonly<Record<string, string>> = {
  ...ownNames(HOST_COLUMNS),
  ...synonyms('id', ['sysid', 'ciid', 'configurationitemid', 'recordid', 'deviceid', 'uniqueid', 'assetid']),
  ...synonyms('hostname', ['host', 'hostnames', 'name', 'computername', 'computer', 'devicename', 'servername', 'machinename', 'nodename', 'systemname', 'netbiosname', 'dnshostname']),
  ...synonyms('fqdn', ['fullyqualifieddomainname', 'dnsname', 'fulldnsname', 'dnsfqdn', 'fullyqualifiedname']),
  ...synonyms('serial', ['serialnumber', 'serialno', 'serialnum', 'sn', 'servicetag', 'systemserialnumber', 'hardwareserial', 'chassisserial', 'chassisserialnumber']),
  ...synonyms('vendor', ['manufacturer', 'make', 'hardwarevendor', 'oem', 'brand', 'mfr', 'systemmanufacturer']),
  ...synonyms('model', ['modelname', 'hardwaremodel', 'productname', 'product', 'systemmodel', 'modelnumber']),
  ...synonyms('os_name', ['os', 'operatingsystem', 'operatingsystemname', 'osname']),
  ...synonyms('os_version', ['osversion', 'operatingsystemversion']),
  ...synonyms('os_edition', ['osedition', 'edition', 'operatingsystemedition']),
  ...synonyms('os_build', ['osbuild', 'build', 'buildnumber', 'osbuildnumber']),
  ...synonyms('cpu', ['processor', 'cpumodel', 'processorname', 'processortype', 'processormodel']),
  ...synonyms('cpu_cores', ['cores', 'corecount', 'numberofcores', 'numcores', 'processorcores', 'totalcores', 'cpucorecount']),
  ...synonyms('memory_mb', ['memorymb', 'rammb', 'memoryinmb', 'raminmb', 'totalmemorymb', 'physicalmemorymb', 'installedmemorymb']),
  ...synonyms('location', ['site', 'physicallocation']),
  ...synonyms('class', ['assetclass', 'deviceclass']),
  ...synonyms('bios_uuid', ['uuid', 'biosuuid', 'systemuuid', 'smbiosuuid', 'hardwareuuid', 'biosguid']),
  ...synonyms('asset_tag', ['assettag', 'assetnumber', 'assetno', 'inventorynumber', 'inventorytag']),
  ...synonyms('firmware', ['firmwareversion', 'biosversion', 'bios']),
  ...synonyms('domain', ['addomain', 'windowsdomain', 'dnsdomain', 'domainname']),
  ...synonyms('cloud_provider', ['cloudprovider', 'provider', 'cloud']),
  ...synonyms('cloud_account', ['cloudaccount', 'account', 'accountid', 'awsaccountid', 'subscription', 'subscriptionid', 'project', 'projectid']),
  ...synonyms('cloud_instance_id', ['cloudinstanceid', 'instanceid', 'ec2instanceid', 'vmid', 'resourceid']),
  ...synonyms('ips', ['ip', 'ipaddress', 'ipaddresses', 'ipv4', 'ipv4address', 'primaryip', 'primaryipaddress']),
  ...synonyms('macs', ['mac', 'macaddress', 'macaddresses', 'physicaladdress', 'hardwareaddress']),
  ...synonyms('interfaces', ['nics', 'networkinterfaces', 'networkadapters']),
  ...synonyms('software', ['installedsoftware', 'applications', 'installedapplications']),
  ...synonyms('tags', ['labels']),
  ...synonyms('last_seen', ['lastseen', 'lastscan', 'lastscanned', 'lastcontact', 'lastcheckin', 'lastinventory', 'lastdiscovered', 'lastreported']),
};

const CLOUD_SYNONYMS: Readonly<Record<string, string>> = {
  ...ownNames(CLOUD_COLUMNS),
  ...synonyms('provider', ['cloud', 'cloudprovider', 'platform']),
  ...synonyms('account', ['accountid', 'awsaccountid', 'subscription', 'subscriptionid', 'project', 'projectid']),
  ...synonyms('region', ['zone', 'availabilityzone', 'az', 'location']),
  ...synonyms('instance_id', ['instanceid', 'instance', 'id', 'vmid', 'resourceid']),
  ...synonyms('name', ['instancename', 'vmname', 'displayname', 'nametag']),
  ...synonyms('instance_type', ['instancetype', 'vmsize', 'size', 'machinetype', 'flavor']),
  ...synonyms('state', ['powerstate', 'status', 'instancestate']),
  ...synonyms('hostname', ['host', 'computername', 'devicename']),
  ...synonyms('bios_uuid', ['uuid', 'biosuuid', 'systemuuid', 'smbiosuuid']),
  ...synonyms('private_ips', ['privateip', 'privateipaddress', 'privateipaddresses', 'internalip', 'ip', 'ipaddress']),
  ...synonyms('public_ips', ['publicip', 'publicipaddress', 'publicipaddresses', 'externalip', 'elasticip']),
  ...synonyms('tags', ['labels']),
  ...synonyms('observed_at', ['observedat', 'lastseen', 'collectedat']),
};

const OT_SEED_SYNONYMS: Readonly<Record<string, string>> = {
  ...ownNames(OT_SEED_COLUMNS),
  ...synonyms('id', ['tagid', 'itemid', 'lineid', 'deviceid', 'no', 'item']),
  ...synonyms('address', ['ip', 'ipaddress', 'ipaddr', 'host', 'endpointaddress', 'deviceaddress', 'ipport']),
  ...synonyms('protocols', ['protocol', 'protocolhints', 'fieldbus', 'comms', 'communication']),
  ...synonyms('name', ['tag', 'tagname', 'devicename', 'devicetag', 'equipmenttag', 'plctag']),
  ...synonyms('class', ['assetclass', 'deviceclass', 'devicetype', 'type']),
  ...synonyms('vendor', ['manufacturer', 'make', 'expectedvendor', 'mfr', 'brand']),
  ...synonyms('model', ['modelname', 'productname', 'product', 'expectedmodel', 'ordercode', 'partnumber']),
  ...synonyms('serial', ['serialnumber', 'serialno', 'sn']),
  ...synonyms('firmware', ['firmwareversion', 'fwversion', 'fw']),
  ...synonyms('area', ['cell', 'workcell', 'line', 'productionline', 'unit', 'zonecell']),
  ...synonyms('zone', ['securityzone', 'iec62443zone', 'networkzone']),
  ...synonyms('purdue_level', ['purdue', 'purduelevel', 'level', 'isa95level']),
  ...synonyms('criticality', ['critical', 'importance', 'riskclass']),
  ...synonyms('process_function', ['function', 'processfunction', 'role', 'service']),
  ...synonyms('modbus_unit', ['unitid', 'modbusunitid', 'slaveid', 'modbusslaveid', 'modbusid']),
  ...synonyms('bacnet_device', ['deviceinstance', 'bacnetinstance', 'bacnetdeviceinstance', 'bacnetid', 'instance']),
  ...synonyms('opcua_endpoint', ['endpoint', 'endpointurl', 'opcuaurl', 'opcuaendpointurl', 'serverurl']),
  ...synonyms('opcua_application_uri', ['applicationuri', 'opcuauri', 'appuri']),
  ...synonyms('tags', ['labels']),
  ...synonyms('last_seen', ['lastseen', 'revised', 'documentdate', 'asof']),
};

/** Our own names written another way: "Host Name", "OS-Version", "CloudInstanceID". */
function ownNames(columns: readonly string[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [compact(column), column]));
}

function synonyms(column: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, column]));
}

function compact(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * For each header cell that is not already one of the kind's columns but is a common name for one,
 * `header as written → column`. Each column is proposed at most once, and never when the header
 * already has it.
 */
export function suggestColumnMap(header: readonly string[], kind: ImportKind): Record<string, string> {
  const table = kind === 'cloud_manual' ? CLOUD_SYNONYMS : kind === 'ot_seed' ? OT_SEED_SYNONYMS : HOST_SYNONYMS;
  const taken = new Set(header.map(normaliseColumnName).filter((name) => isImportColumn(kind, name)));
  const suggestion: Record<string, string> = {};
  for (const cell of header) {
    const written = cell.trim();
    if (written === '' || isImportColumn(kind, normaliseColumnName(written))) continue;
    const column = table[compact(written)];
    if (column === undefined || taken.has(column)) continue;
    taken.add(column);
    suggestion[written] = column;
  }
  return suggestion;
}
