// Modbus TCP options of a scope: which unit ids to probe, whether to read Device Identification, where
// to look for SunSpec, which register-map profiles to apply, and the register ranges to snapshot.
import { Code, Grid, Switch } from '@mantine/core';
import { OptionText, type ProtocolFieldsProps } from './ProtocolOptionFields.js';

export function ModbusOptionsFields(props: ProtocolFieldsProps) {
  const { form, onChange } = props;
  return (
    <Grid gap="sm" data-testid="scope-options-modbus">
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="unitIds"
          label="Unit ids"
          description="Probed on each address, nothing else is tried (a gateway maps ids to serial devices)."
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="sunspecAddresses"
          label="SunSpec addresses"
          description={
            <>
              Holding registers searched for “SunS”; <Code>none</Code> = off.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="profiles"
          label="Register-map profiles"
          description={
            <>
              Profile ids; <Code>auto</Code> applies those matching the identity, <Code>none</Code> none.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={8}>
        <OptionText
          {...props}
          field="registerRanges"
          multiline
          placeholder="holding:0:100:tuning"
          label="Register ranges (deep browsing)"
          description={
            <>
              One per line, <Code>table:start:count[:label]</Code> with table coils, discrete, holding or input and a zero-based start; read 125 registers at a
              time and kept as a snapshot.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <Switch
          mt="md"
          label="Read Device Identification"
          description="Function 43 / MEI 14: vendor, product code, revision. Default: on."
          checked={form.identification}
          onChange={(e) => onChange({ identification: e.currentTarget.checked })}
          data-testid="scope-option-identification"
        />
      </Grid.Col>
    </Grid>
  );
}
