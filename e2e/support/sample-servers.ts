// A realistic server inventory CSV for when examples/servers.csv is not there: a mixed data-center
// estate (hypervisors, databases, web tiers, backup and monitoring), deterministic so tests can
// search and sort on known values.
const SITES = ['fra1', 'ams2', 'dub1'] as const;
const ROLES = [
  { role: 'esx', vendor: 'Dell Inc.', model: 'PowerEdge R750', os: 'VMware ESXi', version: '8.0.2', memory: 786432 },
  { role: 'db', vendor: 'HPE', model: 'ProLiant DL380 Gen10 Plus', os: 'Red Hat Enterprise Linux', version: '9.3', memory: 524288 },
  { role: 'web', vendor: 'Dell Inc.', model: 'PowerEdge R650', os: 'Ubuntu', version: '22.04', memory: 131072 },
  { role: 'app', vendor: 'Lenovo', model: 'ThinkSystem SR650 V2', os: 'Windows Server', version: '2022', memory: 262144 },
  { role: 'bkp', vendor: 'HPE', model: 'Apollo 4200 Gen10', os: 'Debian', version: '12', memory: 196608 },
  { role: 'mon', vendor: 'Supermicro', model: 'SYS-1029P-WTR', os: 'Rocky Linux', version: '9.2', memory: 65536 },
] as const;

export function sampleServersCsv(rows = 120): string {
  const lines = ['hostname,fqdn,serial,vendor,model,os_name,os_version,memory_mb'];
  for (let i = 0; i < rows; i += 1) {
    const role = ROLES[i % ROLES.length]!;
    const site = SITES[Math.floor(i / ROLES.length) % SITES.length]!;
    const number = String(Math.floor(i / (ROLES.length * SITES.length)) + 1).padStart(2, '0');
    const hostname = `${site}-${role.role}-${number}`;
    const serial = `${role.vendor.slice(0, 2).toUpperCase()}${(7_340_000 + i * 7919).toString(36).toUpperCase()}`;
    lines.push([hostname, `${hostname}.corp.example.net`, serial, `"${role.vendor}"`, `"${role.model}"`, `"${role.os}"`, role.version, role.memory].join(','));
  }
  return `${lines.join('\n')}\n`;
}
