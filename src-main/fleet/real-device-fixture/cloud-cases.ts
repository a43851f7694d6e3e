// Cases about cloud instances: provider identity formats, how a host inventory's agent sees the
// same instance, default VPCs that reuse one address range in every account, Azure resource ids in
// two spellings, and terminated instances whose address a new instance holds.
import type { RealDeviceCase } from './fixture-case.js';

const AWS_IDENTIFY = { title: 'AWS: detect whether a host is an EC2 instance (system UUID begins with ec2/EC2)', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/identify_ec2_instances.html' };
const AWS_IDS = { title: 'AWS resource IDs: 17 characters after the hyphen since 2016 (i-1234567890abcdef0)', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html' };

export const CLOUD_CASES: readonly RealDeviceCase[] = [
  {
    id: 'aws-instance-list-and-agent',
    behaviour: 'An EC2 instance in the account\'s instance list and in the CMDB through its agent: instance id (i- + 17 hex), SMBIOS UUID beginning with ec2, default host name ip-a-b-c-d.',
    expected: 'One instance (list, CMDB row and monitoring host).',
    references: [AWS_IDENTIFY, AWS_IDS],
    networks: { 'aws-142140372104-vpc-prod': 'dhcp' },
    records: [
      { source: 'aws-inventory', kind: 'cloud_manual', nativeKey: 'aws:142140372104:i-0a1b2c3d4e5f60718', entity: 'i', assetClass: 'cloud_instance', fields: { cloud_provider: 'aws', cloud_account: '142140372104', cloud_region: 'eu-central-1', cloud_instance_id: 'i-0a1b2c3d4e5f60718', name: 'billing-prod-001', instance_type: 'm6i.large', power_state: 'running', primary_ip: '10.100.3.25' }, nics: [[null, null, '10.100.3.25', 'aws-142140372104-vpc-prod']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'f1b3d5f7a9c1e3b5d7f9a1c3e5b7d9d9', entity: 'i', assetClass: 'virtual_machine', fields: { hostname: 'ip-10-100-3-25', fqdn: 'ip-10-100-3-25.eu-central-1.compute.internal', bios_uuid: 'ec2e1916-9099-7caf-fd21-012345abcdef', cloud_provider: 'aws', cloud_account: '142140372104', cloud_instance_id: 'i-0a1b2c3d4e5f60718', vendor: 'Amazon EC2' }, nics: [['eth0', '0A:1F:22:33:44:55', '10.100.3.25', 'aws-142140372104-vpc-prod']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10900', entity: 'i', fields: { hostname: 'ip-10-100-3-25.eu-central-1.compute.internal' }, nics: [[null, null, '10.100.3.25', 'aws-142140372104-vpc-prod']] },
    ],
  },
  {
    id: 'aws-default-vpc-same-address',
    behaviour: 'Every account\'s default VPC is 172.31.0.0/16, so instances in two accounts get the same private address and the same default host name ip-172-31-5-10.',
    expected: 'Two instances; each CMDB row joins its own list entry by instance id.',
    references: [{ title: 'AWS default VPC: one per region, always 172.31.0.0/16', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html' }, AWS_IDS],
    networks: { 'aws-142140372104-default': 'dhcp', 'aws-605992674944-default': 'dhcp' },
    records: [
      { source: 'aws-inventory', kind: 'cloud_manual', nativeKey: 'aws:142140372104:i-0f00e11d22c33b44a', entity: 'a', assetClass: 'cloud_instance', fields: { cloud_provider: 'aws', cloud_account: '142140372104', cloud_instance_id: 'i-0f00e11d22c33b44a', power_state: 'running', primary_ip: '172.31.5.10' }, nics: [[null, null, '172.31.5.10', 'aws-142140372104-default']] },
      { source: 'aws-inventory', kind: 'cloud_manual', nativeKey: 'aws:605992674944:i-0a99b88c77d66e55f', entity: 'b', assetClass: 'cloud_instance', fields: { cloud_provider: 'aws', cloud_account: '605992674944', cloud_instance_id: 'i-0a99b88c77d66e55f', power_state: 'running', primary_ip: '172.31.5.10' }, nics: [[null, null, '172.31.5.10', 'aws-605992674944-default']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0e0', entity: 'a', assetClass: 'server', fields: { hostname: 'ip-172-31-5-10', cloud_provider: 'aws', cloud_instance_id: 'i-0f00e11d22c33b44a', bios_uuid: 'ec2a7f3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b' }, nics: [['eth0', '06:11:aa:bb:cc:01', '172.31.5.10', 'aws-142140372104-default']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1f1', entity: 'b', assetClass: 'server', fields: { hostname: 'ip-172-31-5-10', cloud_provider: 'aws', cloud_instance_id: 'i-0a99b88c77d66e55f', bios_uuid: 'ec2b8e4d-2c3e-4f60-9bac-1d2e3f4a5b6c' }, nics: [['eth0', '06:22:aa:bb:cc:02', '172.31.5.10', 'aws-605992674944-default']] },
    ],
  },
  {
    id: 'azure-resource-id-case',
    behaviour: 'Azure resource ids are case-insensitive, and the VM list returns the resource group upper-cased while the tool that created the VM wrote it as created.',
    expected: 'One VM.',
    references: [{ title: 'Azure/azure-cli#8283: compute and network return resource ids with different casing', url: 'https://github.com/Azure/azure-cli/issues/8283' }, { title: 'Azure/azure-sdk-for-python#574: resource group upper-cased in VM ids; names are case-insensitive', url: 'https://github.com/Azure/azure-sdk-for-python/issues/574' }],
    networks: { 'azure-3c25632b-vnet-hub': 'dhcp' },
    records: [
      { source: 'azure-inventory', kind: 'cloud_manual', nativeKey: 'azure:3c25632b-1d2e-4f3a-8b4c-5d6e7f8a9b0c:/subscriptions/3c25632b-1d2e-4f3a-8b4c-5d6e7f8a9b0c/resourceGroups/RG-PAYMENTS-PROD/providers/Microsoft.Compute/virtualMachines/vm-api-prod-004', entity: 'vm', assetClass: 'cloud_instance', fields: { cloud_provider: 'azure', cloud_account: '3c25632b-1d2e-4f3a-8b4c-5d6e7f8a9b0c', cloud_instance_id: '/subscriptions/3c25632b-1d2e-4f3a-8b4c-5d6e7f8a9b0c/resourceGroups/RG-PAYMENTS-PROD/providers/Microsoft.Compute/virtualMachines/vm-api-prod-004', name: 'vm-api-prod-004', power_state: 'vm running', primary_ip: '10.110.0.14' }, nics: [[null, null, '10.110.0.14', 'azure-3c25632b-vnet-hub']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'c4e6a8c0e2b4d6f8a0c2e4b6d8f0a2a2', entity: 'vm', assetClass: 'virtual_machine', fields: { hostname: 'vm-api-prod-004', cloud_provider: 'azure', cloud_instance_id: '/subscriptions/3c25632b-1d2e-4f3a-8b4c-5d6e7f8a9b0c/resourceGroups/rg-Payments-prod/providers/Microsoft.Compute/virtualMachines/vm-api-prod-004' }, nics: [['eth0', '00:22:48:1a:2b:3c', '10.110.0.14', 'azure-3c25632b-vnet-hub']] },
    ],
  },
  {
    id: 'gce-numeric-instance-id',
    behaviour: 'Compute Engine instance ids are server-assigned unsigned 64-bit numbers; the instance list and the CMDB agent row carry the same id, the host name is the instance name.',
    expected: 'One instance.',
    references: [{ title: 'Compute Engine API, Instance.id: unique identifier defined by the server (uint64)', url: 'https://cloud.google.com/compute/docs/reference/rest/beta/instances' }],
    networks: { 'gcp-fw-analytics-prod-default': 'dhcp' },
    records: [
      { source: 'gcp-inventory', kind: 'cloud_manual', nativeKey: 'gcp:fw-analytics-prod:4519811615028640646', entity: 'i', assetClass: 'cloud_instance', fields: { cloud_provider: 'gcp', cloud_account: 'fw-analytics-prod', cloud_region: 'europe-west1-b', cloud_instance_id: '4519811615028640646', name: 'ml-prod-008', primary_ip: '10.132.0.2' }, nics: [[null, null, '10.132.0.2', 'gcp-fw-analytics-prod-default']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'd5f7b9d1f3a5c7e9b1d3f5a7c9e1b3b3', entity: 'i', assetClass: 'server', fields: { hostname: 'ml-prod-008', fqdn: 'ml-prod-008.europe-west1-b.c.fw-analytics-prod.internal', cloud_provider: 'gcp', cloud_instance_id: '4519811615028640646' }, nics: [['ens4', '42:01:0a:84:00:02', '10.132.0.2', 'gcp-fw-analytics-prod-default']] },
    ],
  },
  {
    id: 'terminated-instance-address-reuse',
    behaviour: 'A terminated instance stays in the instance list for a while; its private address has already been given to a new instance in the same subnet.',
    expected: 'Two instances: the terminated one alone, the running one with its CMDB row.',
    references: [AWS_IDS, { title: 'RFC 2131: addresses are leased and reused after release', url: 'https://www.rfc-editor.org/rfc/rfc2131' }],
    networks: { 'aws-572265717479-vpc-prod': 'dhcp' },
    records: [
      { source: 'aws-inventory', kind: 'cloud_manual', nativeKey: 'aws:572265717479:i-03c4d5e6f7a8b9c0d', entity: 'old', assetClass: 'cloud_instance', fields: { cloud_provider: 'aws', cloud_account: '572265717479', cloud_instance_id: 'i-03c4d5e6f7a8b9c0d', power_state: 'terminated', name: 'ingest-prod-003', primary_ip: '10.100.0.25' }, nics: [[null, null, '10.100.0.25', 'aws-572265717479-vpc-prod']] },
      { source: 'aws-inventory', kind: 'cloud_manual', nativeKey: 'aws:572265717479:i-0d1e2f3a4b5c6d7e8', entity: 'new', assetClass: 'cloud_instance', fields: { cloud_provider: 'aws', cloud_account: '572265717479', cloud_instance_id: 'i-0d1e2f3a4b5c6d7e8', power_state: 'running', name: 'ingest-prod-003', primary_ip: '10.100.0.25' }, nics: [[null, null, '10.100.0.25', 'aws-572265717479-vpc-prod']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'e6a8c0e2b4d6f8a0c2e4b6d8f0a2c4c4', entity: 'new', assetClass: 'server', fields: { hostname: 'ip-10-100-0-25', cloud_instance_id: 'i-0d1e2f3a4b5c6d7e8', cloud_provider: 'aws' }, nics: [['eth0', '0A:77:66:55:44:33', '10.100.0.25', 'aws-572265717479-vpc-prod']] },
    ],
  },
];
