// The CLI's zod-free copies of contract value lists match the contract, order included.
import { describe, expect, it } from 'vitest';
import { DiscoveryScopeOptions, OPCUA_SECURITY_MODES } from '../../src-shared/api/discovery-protocols.js';
import { ASSET_SORT_FIELDS as CONTRACT_ASSET_SORT_FIELDS } from '../../src-shared/api/inventory.js';
import { EXPORT_FORMATS as CONTRACT_EXPORT_FORMATS } from '../../src-shared/api/exports.js';
import { SOFTWARE_SORT_FIELDS as CONTRACT_SOFTWARE_SORT_FIELDS } from '../../src-shared/api/software.js';
import { ASSET_SORT_FIELDS, EXPORT_FORMATS, OPCUA_SECURITY_MODE_NAMES, PROTOCOL_NAMES, SOFTWARE_SORT_FIELDS } from './value-lists.js';

describe('CLI value lists', () => {
  it('lists the asset sort fields of the contract', () => {
    expect(ASSET_SORT_FIELDS).toEqual([...CONTRACT_ASSET_SORT_FIELDS]);
  });

  it('lists the export formats of the contract', () => {
    expect(EXPORT_FORMATS).toEqual([...CONTRACT_EXPORT_FORMATS]);
  });

  it('lists the software sort fields of the contract', () => {
    expect(SOFTWARE_SORT_FIELDS).toEqual([...CONTRACT_SOFTWARE_SORT_FIELDS]);
  });

  it('lists the discovery protocols and the OPC UA security modes', () => {
    expect(PROTOCOL_NAMES).toEqual(DiscoveryScopeOptions.options.map((o) => o.shape.protocol.value));
    expect(OPCUA_SECURITY_MODE_NAMES).toEqual([...OPCUA_SECURITY_MODES]);
  });
});
