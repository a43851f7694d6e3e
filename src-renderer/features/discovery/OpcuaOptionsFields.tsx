// OPC UA options of a scope: the endpoint path, the security mode, and how far the address space is
// browsed (nodes and depth), and whether the Devices companion specification's DeviceSet is read.
import { Code, Grid, Select, Switch } from '@mantine/core';
import { OPCUA_SECURITY_MODES, type OpcuaSecurityMode } from '../../../src-shared/api/discovery-protocols.js';
import { OptionNumber, OptionText, type ProtocolFieldsProps } from './ProtocolOptionFields.js';

const SECURITY_MODE_LABELS: Record<OpcuaSecurityMode, string> = {
  auto: 'Most secure the credentials allow',
  None: 'None',
  Sign: 'Sign',
  SignAndEncrypt: 'Sign and encrypt',
};

export function OpcuaOptionsFields(props: ProtocolFieldsProps) {
  const { form, onChange, problems } = props;
  return (
    <Grid gap="sm" data-testid="scope-options-opcua">
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="endpointPath"
          label="Endpoint path"
          placeholder="/UA/Server"
          description={
            <>
              Appended to <Code>opc.tcp://host:port</Code>; most servers use none.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <Select
          label="Security mode"
          description="Default: most secure the credentials allow. An unknown server certificate is shown to you to trust, never trusted silently."
          data={OPCUA_SECURITY_MODES.map((m) => ({ value: m, label: SECURITY_MODE_LABELS[m] }))}
          value={form.securityMode}
          onChange={(v) => onChange({ securityMode: OPCUA_SECURITY_MODES.find((m) => m === v) ?? 'auto' })}
          allowDeselect={false}
          error={problems.securityMode}
          data-testid="scope-option-securityMode"
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <Switch
          mt="md"
          label="Read the DeviceSet"
          description="Devices a gateway exposes (Devices companion specification) become assets related to it. Default: on."
          checked={form.deviceSet}
          onChange={(e) => onChange({ deviceSet: e.currentTarget.checked })}
          data-testid="scope-option-deviceSet"
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <Switch
          mt="md"
          label="Browse the address space"
          description="Off: identification, namespaces and DeviceSet only. Default: on."
          checked={form.browse}
          onChange={(e) => onChange({ browse: e.currentTarget.checked })}
          data-testid="scope-option-browse"
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber {...props} field="maxNodes" label="Nodes per server" description="A safety limit." min={1} max={1_000_000} />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber {...props} field="maxDepth" label="Browse depth" description="References followed from the Objects folder." min={1} max={64} />
      </Grid.Col>
    </Grid>
  );
}
