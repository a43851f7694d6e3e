import { describe, expect, it } from 'vitest';
import { normaliseVendor } from './normalise-vendor.js';

describe('normaliseVendor', () => {
  it.each([
    ['HP', 'HP', 'hp'],
    ['Hewlett-Packard', 'HP', 'hp'],
    ['HPE', 'HPE', 'hp'],
    ['Hewlett Packard Enterprise', 'HPE', 'hp'],
    ['Dell Inc.', 'Dell', 'dell'],
    ['Dell EMC', 'Dell', 'dell'],
    ['DELL', 'Dell', 'dell'],
    ['Cisco Systems, Inc.', 'Cisco', 'cisco'],
    ['Siemens AG', 'Siemens', 'siemens'],
    ['Schneider Electric', 'Schneider Electric', 'schneider'],
    ['Allen-Bradley', 'Rockwell Automation', 'rockwell'],
    ['Rockwell Automation, Inc.', 'Rockwell Automation', 'rockwell'],
    ['Microsoft Corporation', 'Microsoft', 'microsoft'],
    ['VMware, Inc.', 'VMware', 'vmware'],
    ['Super Micro Computer, Inc.', 'Supermicro', 'supermicro'],
  ])('%s -> %s', (input, name, key) => {
    expect(normaliseVendor(input)).toEqual({ name, key });
  });

  it('keeps unknown vendors, keyed without legal suffixes', () => {
    expect(normaliseVendor('Acme Widgets GmbH')).toEqual({ name: 'Acme Widgets GmbH', key: 'acmewidgets' });
    expect(normaliseVendor('  ')).toBeNull();
    expect(normaliseVendor('Unknown')).toBeNull();
  });
});
