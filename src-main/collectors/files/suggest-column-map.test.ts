import { describe, expect, it } from 'vitest';
import { suggestColumnMap } from './suggest-column-map.js';

describe('suggestColumnMap', () => {
  it('proposes our columns for the names other tools write', () => {
    expect(
      suggestColumnMap(
        ['Host Name', 'Serial Number', 'IP Address', 'MAC Address', 'Operating System', 'Manufacturer', 'Instance ID', 'System UUID', 'Asset Number', 'Build Number', 'Domain Name', 'Last Scan'],
        'servers_cache',
      ),
    ).toEqual({
      'Host Name': 'hostname',
      'Serial Number': 'serial',
      'IP Address': 'ips',
      'MAC Address': 'macs',
      'Operating System': 'os_name',
      Manufacturer: 'vendor',
      'Instance ID': 'cloud_instance_id',
      'System UUID': 'bios_uuid',
      'Asset Number': 'asset_tag',
      'Build Number': 'os_build',
      'Domain Name': 'domain',
      'Last Scan': 'last_seen',
    });
    expect(suggestColumnMap(['SerialNo', 'service_tag'], 'desktop_cache')).toEqual({ SerialNo: 'serial' });
    // Our own names written another way are read without a map ("BIOS UUID" is bios_uuid), so need none.
    expect(suggestColumnMap(['BIOS UUID', 'Asset-Tag', 'OS_BUILD'], 'servers_cache')).toEqual({});
  });

  it('skips columns the header already has, proposes each column once, and leaves unknown names alone', () => {
    expect(suggestColumnMap(['Instance ID', 'VM ID'], 'cloud_manual')).toEqual({});
    expect(suggestColumnMap(['hostname', 'Computer Name', 'Device Name', 'Rack Height', ''], 'servers_cache')).toEqual({});
    expect(suggestColumnMap(['Computer Name', 'Device Name'], 'servers_cache')).toEqual({ 'Computer Name': 'hostname' });
  });

  it('knows the cloud columns', () => {
    expect(suggestColumnMap(['Cloud', 'Subscription ID', 'VM ID', 'VM Size', 'Power State', 'Private IP Address', 'Host Name'], 'cloud_manual')).toEqual({
      Cloud: 'provider',
      'Subscription ID': 'account',
      'VM ID': 'instance_id',
      'VM Size': 'instance_type',
      'Power State': 'state',
      'Private IP Address': 'private_ips',
      'Host Name': 'hostname',
    });
  });
});
