// Cloud instances of generator B with each provider's own identity formats: AWS instance ids
// (i- and 17 hex characters) and SMBIOS UUIDs beginning with ec2; Azure resource ids, which the
// export tool writes with the resource group upper-cased; GCE's numeric instance ids. Several AWS
// accounts use their default VPC, which is 172.31.0.0/16 in every account.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { EstateBContext } from './estate-b-context.js';
import type { CloudIdentity, TrueEntity } from './estate-b-entity.js';
import { osOfServer } from './build-it-entities.js';

export interface CloudAccounts {
  aws: string[];
  azure: string[];
  gcp: string[];
  /** Running instances per network: where a terminated instance's address went. */
  byNetwork: Map<string, TrueEntity[]>;
}

export function createCloudAccounts(rng: Prng): CloudAccounts {
  const digits = (n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const guid = (): string => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  return { aws: [digits(12), digits(12), digits(12)], azure: [guid(), guid()], gcp: ['fw-analytics-prod', 'fw-plant-data'], byNetwork: new Map() };
}

const APPS = ['billing', 'portal', 'ingest', 'search', 'report', 'api', 'batch', 'ml'];
const ENVS = ['prod', 'stg', 'dev'];

export function addCloudInstance(ctx: EstateBContext, accounts: CloudAccounts): TrueEntity {
  const { rng, alloc } = ctx;
  const r = rng.next();
  const provider = r < 0.55 ? 'aws' : r < 0.85 ? 'azure' : 'gcp';
  const [osName, osVersion] = osOfServer(rng, false);
  const app = `${rng.pick(APPS)}-${rng.pick(ENVS)}-${String(alloc.next(`cloudname`)).padStart(3, '0')}`;
  let network: string;
  let ip: string;
  let cloud: CloudIdentity;
  let hostname: string;
  let domain: string | null = null;
  let biosUuid: string;
  if (provider === 'aws') {
    const account = rng.pick(accounts.aws);
    const defaultVpc = rng.chance(ctx.mix.awsDefaultVpc);
    network = defaultVpc ? `aws-${account}-default` : `aws-${account}-vpc-prod`;
    ip = alloc.nextStatic(network, defaultVpc ? '172.31' : '10.100');
    const region = rng.pick(['eu-central-1', 'eu-west-1']);
    const instanceId = alloc.unique('aws-id', () => `i-0${rng.hex(16)}`);
    cloud = { provider, account, region, instanceId, name: app, instanceType: rng.pick(['m6i.large', 't3.medium', 'c6i.xlarge', 'r6i.2xlarge']), state: 'running', publicIp: rng.chance(0.2) ? `3.${rng.int(64, 127)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : null };
    // Default resource-based hostnames (ip-a-b-c-d) unless the image sets its own.
    hostname = rng.chance(0.6) ? `ip-${ip.replace(/\./g, '-')}` : app;
    domain = `${region}.compute.internal`;
    biosUuid = `ec2${rng.hex(5)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  } else if (provider === 'azure') {
    const account = rng.pick(accounts.azure);
    network = `azure-${account.slice(0, 8)}-vnet-${rng.chance(0.5) ? 'hub' : 'spoke'}`;
    ip = alloc.nextStatic(network, '10.110');
    const group = `rg-${rng.pick(APPS)}-${rng.pick(ENVS)}`.replace(/^rg-(\w)/, (_m, c: string) => `rg-${c.toUpperCase()}`);
    const name = `vm-${app}`;
    const created = `/subscriptions/${account}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${name}`;
    cloud = { provider, account, region: 'westeurope', instanceId: created.replace(`/resourceGroups/${group}/`, `/resourceGroups/${group.toUpperCase()}/`), createdResourceId: created, vmId: alloc.uuid(), name, instanceType: rng.pick(['Standard_D4s_v5', 'Standard_B2ms', 'Standard_E8s_v5']), state: 'running', publicIp: null };
    hostname = name;
    biosUuid = alloc.uuid();
  } else {
    const account = rng.pick(accounts.gcp);
    network = `gcp-${account}-default`;
    ip = alloc.nextStatic(network, '10.132');
    const zone = rng.pick(['europe-west1-b', 'europe-west3-a']);
    const id = alloc.unique('gce-id', () => `${rng.int(1, 9)}${Array.from({ length: 18 }, () => rng.int(0, 9)).join('')}`);
    cloud = { provider, account, region: zone, instanceId: id, name: app, instanceType: rng.pick(['e2-standard-4', 'n2-standard-8']), state: 'running', publicIp: null };
    hostname = app;
    domain = `${zone}.c.${account}.internal`;
    biosUuid = alloc.uuid();
  }
  const e = ctx.add('cloud', 'cloud_instance', network, { hostname, domain, vendor: provider === 'aws' ? 'Amazon EC2' : provider === 'azure' ? 'Microsoft Corporation' : 'Google', model: cloud.instanceType, biosUuid, osName, osVersion, cloud });
  e.smbiosUuid = biosUuid;
  e.nics.push({ name: 'eth0', mac: provider === 'azure' ? alloc.mac('00:22:48') : `${provider === 'aws' ? '0a' : '42'}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`, ip, network });
  if (network.endsWith('-default') && provider === 'aws') e.hard.add('aws_default_vpc');
  const list = accounts.byNetwork.get(network) ?? [];
  list.push(e);
  accounts.byNetwork.set(network, list);
  return e;
}

/** A terminated instance still in the provider's list: its address now belongs to a running one. */
export function addTerminatedInstance(ctx: EstateBContext, accounts: CloudAccounts): TrueEntity | null {
  const { rng } = ctx;
  const networks = [...accounts.byNetwork.keys()];
  if (networks.length === 0) return null;
  const network = rng.pick(networks);
  const holder = rng.pick(accounts.byNetwork.get(network) ?? []);
  if (!holder.cloud) return null;
  const e = addCloudInstanceLike(ctx, holder);
  e.retired = true;
  e.hard.add('terminated_instance');
  return e;
}

function addCloudInstanceLike(ctx: EstateBContext, holder: TrueEntity): TrueEntity {
  const { rng, alloc } = ctx;
  const c = holder.cloud as CloudIdentity;
  const instanceId =
    c.provider === 'aws' ? alloc.unique('aws-id', () => `i-0${rng.hex(16)}`) : c.provider === 'gcp' ? alloc.unique('gce-id', () => `${rng.int(1, 9)}${Array.from({ length: 18 }, () => rng.int(0, 9)).join('')}`) : c.instanceId.replace(/[^/]+$/, `vm-old-${alloc.next('oldvm')}`);
  const name = c.provider === 'azure' ? (instanceId.split('/').pop() as string) : `${c.name}-old`;
  const nic = holder.nics[0];
  const e = ctx.add('cloud', 'cloud_instance', holder.site, {
    hostname: name,
    vendor: holder.vendor,
    model: c.instanceType,
    cloud: { ...c, instanceId, createdResourceId: undefined, name, state: 'terminated', publicIp: null },
    biosUuid: alloc.uuid(),
  });
  e.nics.push({ name: 'eth0', mac: null, ip: nic?.ip ?? null, network: nic?.network ?? null });
  return e;
}
