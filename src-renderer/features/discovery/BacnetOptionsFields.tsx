// BACnet/IP options of a scope: the device instances asked for in Who-Is, how long to collect I-Am
// replies, the local port, routed networks and a BBMD for routed IP networks, and object browsing.
import { Code, Grid, Switch } from '@mantine/core';
import { OptionNumber, OptionText, type ProtocolFieldsProps } from './ProtocolOptionFields.js';

export function BacnetOptionsFields(props: ProtocolFieldsProps) {
  const { form, onChange } = props;
  return (
    <Grid gap="sm" data-testid="scope-options-bacnet">
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="instanceRanges"
          multiline
          label="Device instance ranges"
          description={
            <>
              One per line, <Code>low-high</Code> or one instance, asked for in Who-Is.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber {...props} field="iAmWaitMs" label="I-Am wait" description="Replies collected after each Who-Is." min={200} max={60_000} suffix=" ms" />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber
          {...props}
          field="localPort"
          label="Local UDP port"
          description="47808 is often taken by a local BACnet stack."
          min={1024}
          max={65535}
          isPort
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionText {...props} field="networks" label="Routed networks" description="Network numbers reached through BACnet routers, comma-separated." />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionText
          {...props}
          field="bbmd"
          label="BBMD (foreign-device registration)"
          placeholder="10.20.0.1:47808"
          description={
            <>
              <Code>host[:port]</Code> of the BBMD of a routed IP network.
            </>
          }
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber {...props} field="bbmdTtlSeconds" label="Registration time to live" description="With a BBMD only." min={30} max={65535} suffix=" s" />
      </Grid.Col>
      <Grid.Col span={4}>
        <Switch
          mt="md"
          label="Browse objects"
          description="The object list, and each object's name, type, description and units. Default: on."
          checked={form.browseObjects}
          onChange={(e) => onChange({ browseObjects: e.currentTarget.checked })}
          data-testid="scope-option-browseObjects"
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <OptionNumber {...props} field="maxObjects" label="Objects per device" description="A safety limit." min={1} max={100_000} />
      </Grid.Col>
    </Grid>
  );
}
