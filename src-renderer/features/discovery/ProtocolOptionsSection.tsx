// The scope editor's section for a plant protocol's options: its fields (each with the contract's
// default and its own validation message) and, after a save was tried, a summary of what to fix.
import { Alert, Divider, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { DISCOVERY_PROTOCOL_LABELS } from '../../../src-shared/api/discovery.js';
import {
  protocolOptionsForm,
  PROTOCOL_OPTION_LABELS,
  type ProtocolOptionsField,
  type ProtocolOptionsForm,
  type ProtocolOptionsProblems,
} from '../../lib/protocol-options-form.js';
import { BacnetOptionsFields } from './BacnetOptionsFields.js';
import { ModbusOptionsFields } from './ModbusOptionsFields.js';
import { OpcuaOptionsFields } from './OpcuaOptionsFields.js';

export interface ProtocolOptionsSectionProps {
  protocol: 'modbus' | 'bacnet' | 'opcua';
  form: ProtocolOptionsForm;
  problems: ProtocolOptionsProblems;
  onChange: (patch: Partial<ProtocolOptionsForm>) => void;
  /** Show the list of problems (after a save was tried). */
  showSummary: boolean;
}

const DEFAULTS = protocolOptionsForm(null);

export function ProtocolOptionsSection({ protocol, form, problems, onChange, showSummary }: ProtocolOptionsSectionProps) {
  const props = { form, defaults: DEFAULTS, problems, onChange };
  const listed = Object.entries(problems).filter(([, message]) => message);
  return (
    <Stack gap="xs">
      <Divider label={`${DISCOVERY_PROTOCOL_LABELS[protocol]} options`} labelPosition="left" />
      {protocol === 'modbus' && <ModbusOptionsFields {...props} />}
      {protocol === 'bacnet' && <BacnetOptionsFields {...props} />}
      {protocol === 'opcua' && <OpcuaOptionsFields {...props} />}
      {showSummary && listed.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" title="The scope was not saved" data-testid="scope-options-error">
          {listed.map(([field, message]) => (
            <div key={field}>{field === 'general' ? message : `${PROTOCOL_OPTION_LABELS[field as ProtocolOptionsField]}: ${message}`}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
