// Create or edit a discovery scope: over which protocol (SNMP, or Modbus TCP, BACnet/IP and OPC UA,
// which make it a plant scope) with that protocol's options, what to sweep (targets, exclusions,
// ports, network), with which credential sets (in order), how gently (rate, hosts at once, spacing,
// timeout, retries), whether it is a plant (OT) scope, and when it runs (cron schedule with a live
// preview of the next runs).
import { Alert, Button, Code, Divider, Grid, Group, Modal, NumberInput, SegmentedControl, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { DEFAULT_PROTOCOL_PORTS } from '../../../src-shared/api/discovery-protocols.js';
import {
  DISCOVERY_DEFAULTS,
  DISCOVERY_OT_DEFAULTS,
  DISCOVERY_PROTOCOL_LABELS,
  DISCOVERY_PROTOCOLS,
  isOtProtocol,
  type CredentialSet,
  type DiscoveryProtocol,
  type DiscoveryScope,
  type DiscoverySettings,
} from '../../../src-shared/api/discovery.js';
import { PROTOCOL_TRANSPORTS } from '../../../src-shared/lib/describe-scope-options.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatTargetList, parsePorts, parseTargetList } from '../../lib/discovery-input.js';
import { protocolOptionsForm, readProtocolOptions, type ProtocolOptionsForm } from '../../lib/protocol-options-form.js';
import { useAppStoreApi } from '../../store/use-app-store.js';
import { CredentialOrder } from './CredentialOrder.js';
import { ProtocolOptionsSection } from './ProtocolOptionsSection.js';
import { SchedulePreview } from './SchedulePreview.js';

const SETTING_FIELDS: { key: keyof DiscoverySettings; label: string; description: string; min: number; max: number; step?: number; suffix?: string }[] = [
  { key: 'ratePerSecond', label: 'Requests per second', description: 'Cap for the whole run', min: 1, max: 5000 },
  { key: 'concurrency', label: 'Hosts at once', description: 'Devices probed in parallel', min: 1, max: 1024 },
  { key: 'perHostIntervalMs', label: 'Per-device spacing', description: 'Between two requests to one device', min: 0, max: 60_000, suffix: ' ms' },
  { key: 'timeoutMs', label: 'Timeout', description: 'Wait for one reply', min: 50, max: 60_000, suffix: ' ms' },
  { key: 'retries', label: 'Retries', description: 'Re-sends after a timeout', min: 0, max: 5 },
  { key: 'backoff', label: 'Backoff', description: 'Timeout × this per retry', min: 1, max: 4, step: 0.5, suffix: '×' },
];

function sameSettings(a: DiscoverySettings, b: DiscoverySettings): boolean {
  return (Object.keys(a) as (keyof DiscoverySettings)[]).every((k) => a[k] === b[k]);
}

export function ScopeFormModal({ scope, credentials, onClose }: { scope: DiscoveryScope | null; credentials: readonly CredentialSet[]; onClose: () => void }) {
  const store = useAppStoreApi();
  const [protocol, setProtocol] = useState<DiscoveryProtocol>(scope?.protocol ?? 'snmp');
  const [optionsForm, setOptionsForm] = useState<ProtocolOptionsForm>(() => protocolOptionsForm(scope?.options));
  const [name, setName] = useState(scope?.name ?? '');
  const [description, setDescription] = useState(scope?.description ?? '');
  const [targets, setTargets] = useState(formatTargetList(scope?.targets ?? []));
  const [exclusions, setExclusions] = useState(formatTargetList(scope?.exclusions ?? []));
  const [ports, setPorts] = useState((scope?.ports ?? [161]).join(', '));
  const [network, setNetwork] = useState(scope?.network ?? '');
  const [depth, setDepth] = useState<'full' | 'identify'>(scope?.depth ?? 'full');
  const [credentialIds, setCredentialIds] = useState<string[]>(scope?.credentialSets.map((c) => c.id) ?? []);
  const [ot, setOt] = useState(scope?.ot ?? false);
  const [settings, setSettings] = useState<DiscoverySettings>(scope?.settings ?? { ...DISCOVERY_DEFAULTS });
  const [schedule, setSchedule] = useState(scope?.schedule ?? '');
  const [timezone, setTimezone] = useState(scope?.scheduleTimezone ?? '');
  const [enabled, setEnabled] = useState(scope?.enabled ?? true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const protocolLabel = DISCOVERY_PROTOCOL_LABELS[protocol];
  const transport = PROTOCOL_TRANSPORTS[protocol];
  const otProtocol = isOtProtocol(protocol);
  const isOt = ot || otProtocol;
  const targetList = parseTargetList(targets);
  const exclusionList = parseTargetList(exclusions);
  const portsParse = parsePorts(ports, { transport, label: protocolLabel, defaultPort: DEFAULT_PROTOCOL_PORTS[protocol] });
  const optionsRead = readProtocolOptions(protocol, optionsForm);
  const protocolCredentials = credentials.filter((c) => c.protocol === protocol);
  const problems = {
    name: name.trim() === '' ? 'Give the scope a name, e.g. “Core switches” or “Plant A cell 3”.' : null,
    targets: targetList.length === 0 ? 'Give at least one target: an address, a CIDR block or a range.' : null,
    ports: portsParse.error,
    options: optionsRead.options === null ? `Fix the ${protocolLabel} options marked below.` : null,
  };
  const invalid = Object.values(problems).some((p) => p !== null);
  const otTooFast = isOt && (settings.ratePerSecond > 50 || settings.perHostIntervalMs < 50);

  function toggleOt(next: boolean) {
    setOt(next);
    // Start from the gentler defaults when the settings were still the other kind's defaults.
    if (next && sameSettings(settings, DISCOVERY_DEFAULTS)) setSettings({ ...DISCOVERY_OT_DEFAULTS });
    if (!next && sameSettings(settings, DISCOVERY_OT_DEFAULTS)) setSettings({ ...DISCOVERY_DEFAULTS });
  }

  function chooseProtocol(next: DiscoveryProtocol) {
    if (next === protocol) return;
    // The well-known port follows the protocol unless other ports were typed.
    if (ports.trim() === '' || ports.trim() === String(DEFAULT_PROTOCOL_PORTS[protocol])) setPorts(String(DEFAULT_PROTOCOL_PORTS[next]));
    // Plant protocols are always OT scopes; back on SNMP the scope is what the switch says.
    if (isOtProtocol(next) !== isOtProtocol(protocol)) toggleOt(isOtProtocol(next));
    setCredentialIds((ids) => ids.filter((id) => credentials.find((c) => c.id === id)?.protocol === next));
    setProtocol(next);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (invalid || portsParse.ports === null) return;
    setSaving(true);
    setError(null);
    if (optionsRead.options === null) return;
    const fields = {
      options: optionsRead.options,
      name: name.trim(),
      description: description.trim() || null,
      targets: targetList,
      exclusions: exclusionList,
      ports: portsParse.ports,
      credentialSetIds: credentialIds,
      network: network.trim() || null,
      settings,
      depth,
      schedule: schedule.trim() || null,
      scheduleTimezone: timezone.trim() || null,
      enabled,
      ot: isOt,
    };
    const result = await store.getState().saveScope(scope ? { id: scope.id, ...fields } : { protocol, ...fields });
    setSaving(false);
    if (result.error !== undefined) setError(result.error);
    else onClose();
  }

  return (
    <Modal opened onClose={onClose} title={scope ? `Edit scope “${scope.name}”` : 'New discovery scope'} size={1100} data-testid="scope-form">
      <form onSubmit={save} noValidate>
        <Stack gap="sm">
          <Group gap="sm" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Protocol
              </Text>
              <SegmentedControl
                size="xs"
                value={protocol}
                onChange={(v) => chooseProtocol(DISCOVERY_PROTOCOLS.find((p) => p === v) ?? 'snmp')}
                data={DISCOVERY_PROTOCOLS.map((p) => ({ value: p, label: DISCOVERY_PROTOCOL_LABELS[p] }))}
                disabled={scope !== null}
                data-testid="scope-protocol"
              />
            </Stack>
            <Text size="xs" c="dimmed" maw={620} pb={4}>
              {scope !== null
                ? 'The protocol of a saved scope is fixed; create another scope for another protocol.'
                : otProtocol
                  ? `${protocolLabel} is spoken on control networks: this is a plant (OT) scope — read-only, gentle, opt-in, and every manual run is confirmed after reading its plan.`
                  : 'SNMP for switches, routers, servers and UPSs. Modbus TCP, BACnet/IP and OPC UA are for plant networks.'}
            </Text>
          </Group>
          <Grid gap="sm">
            <Grid.Col span={6}>
              <TextInput
                label="Name"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={touched && problems.name}
                data-testid="scope-name"
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput
                label="Description (optional)"
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                data-testid="scope-description"
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <Textarea
                label="Targets"
                required
                description={
                  <>
                    One per line (or separated by commas): <Code>10.0.0.5</Code>, <Code>10.0.0.0/24</Code>, <Code>10.0.0.10-10.0.0.20</Code>,{' '}
                    <Code>10.0.0.10-20</Code>, IPv6 literals. At most 262,144 addresses; <Code>#</Code> starts a comment.
                  </>
                }
                autosize
                minRows={3}
                maxRows={8}
                classNames={{ input: 'fw-mono' }}
                value={targets}
                onChange={(e) => setTargets(e.currentTarget.value)}
                error={touched && problems.targets}
                data-testid="scope-targets"
              />
              <Text size="xs" c="dimmed" mt={2}>
                {targetList.length} entr{targetList.length === 1 ? 'y' : 'ies'}
              </Text>
            </Grid.Col>
            <Grid.Col span={6}>
              <Textarea
                label="Exclusions (never probed)"
                description="Same syntax. Use it for fragile devices and addresses you must not touch."
                autosize
                minRows={3}
                maxRows={8}
                classNames={{ input: 'fw-mono' }}
                value={exclusions}
                onChange={(e) => setExclusions(e.currentTarget.value)}
                data-testid="scope-exclusions"
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label={`${transport} ports`}
                description={`${DEFAULT_PROTOCOL_PORTS[protocol]} is ${protocolLabel}'s port`}
                value={ports}
                onChange={(e) => setPorts(e.currentTarget.value)}
                error={touched && problems.ports}
                classNames={{ input: 'fw-mono' }}
                data-testid="scope-ports"
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label="Network or site (optional)"
                description="Same private IP on two sites = two devices"
                value={network}
                onChange={(e) => setNetwork(e.currentTarget.value)}
                data-testid="scope-network"
              />
            </Grid.Col>
            {protocol === 'snmp' && (
              <Grid.Col span={6}>
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    What to read
                  </Text>
                  <SegmentedControl
                    size="xs"
                    value={depth}
                    onChange={(v) => setDepth(v === 'identify' ? 'identify' : 'full')}
                    data={[
                      { value: 'full', label: 'All tables' },
                      { value: 'identify', label: 'Identify only' },
                    ]}
                    data-testid="scope-depth"
                  />
                  <Text size="xs" c="dimmed">
                    {depth === 'full'
                      ? 'Interfaces, addresses, hardware, software, LLDP/CDP neighbours, MAC tables and ARP caches.'
                      : 'The system group only: one request per device. A gentle first sweep of an unknown segment.'}
                  </Text>
                </Stack>
              </Grid.Col>
            )}
          </Grid>

          {protocol !== 'snmp' && (
            <ProtocolOptionsSection
              protocol={protocol}
              form={optionsForm}
              problems={optionsRead.problems}
              onChange={(patch) => setOptionsForm((f) => ({ ...f, ...patch }))}
              showSummary={touched && problems.options !== null}
            />
          )}

          <Divider />
          <Grid gap="sm">
            <Grid.Col span={6}>
              {protocol === 'modbus' || protocol === 'bacnet' ? (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    Credential sets
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="scope-no-credentials">
                    {protocolLabel} has no credentials: devices answer whoever reaches them, so keep the targets narrow and the exclusions up to date.
                  </Text>
                </Stack>
              ) : (
                <CredentialOrder
                  available={protocolCredentials}
                  value={credentialIds}
                  onChange={setCredentialIds}
                  {...(protocol === 'opcua'
                    ? { emptyNote: 'None: servers are asked anonymously. Add an OPC UA user or certificate set for servers that need one.' }
                    : {})}
                />
              )}
            </Grid.Col>
            <Grid.Col span={6}>
              <Stack gap="xs">
                <Switch
                  label="Plant (OT) network"
                  description={
                    otProtocol ? (
                      <span data-testid="scope-ot-locked">{`Always on for ${protocolLabel}: gentler defaults, and every manual run must be confirmed after reading its plan.`}</span>
                    ) : (
                      'Gentler defaults, and every manual run must be confirmed after reading its plan.'
                    )
                  }
                  checked={isOt}
                  disabled={otProtocol}
                  onChange={(e) => toggleOt(e.currentTarget.checked)}
                  data-testid="scope-ot"
                />
                <Switch
                  label="Enabled"
                  description="A disabled scope's schedule does not fire; it can still be run by hand."
                  checked={enabled}
                  onChange={(e) => setEnabled(e.currentTarget.checked)}
                  data-testid="scope-enabled"
                />
              </Stack>
            </Grid.Col>
          </Grid>

          <Divider label="Safety" labelPosition="left" />
          <Grid gap="sm">
            {SETTING_FIELDS.map((field) => (
              <Grid.Col span={2} key={field.key}>
                <NumberInput
                  label={field.label}
                  description={field.description}
                  min={field.min}
                  max={field.max}
                  step={field.step ?? 1}
                  suffix={field.suffix}
                  allowDecimal={field.key === 'backoff'}
                  clampBehavior="strict"
                  value={settings[field.key]}
                  onChange={(v) => typeof v === 'number' && setSettings((s) => ({ ...s, [field.key]: v }))}
                  data-testid={`scope-setting-${field.key}`}
                />
              </Grid.Col>
            ))}
          </Grid>
          {otTooFast && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs">
              On a control network keep the rate at or below 50 requests/s and the per-device spacing at or above 50 ms. The plan will warn about this before
              every run.
            </Alert>
          )}

          <Divider label="Schedule" labelPosition="left" />
          <Grid gap="sm">
            <Grid.Col span={4}>
              <TextInput
                label="Schedule (cron, optional)"
                description={
                  <>
                    e.g. <Code>0 2 * * *</Code> (02:00 daily), <Code>@hourly</Code>
                  </>
                }
                classNames={{ input: 'fw-mono' }}
                value={schedule}
                onChange={(e) => setSchedule(e.currentTarget.value)}
                data-testid="scope-schedule"
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label="Time zone (optional)"
                description="IANA name; empty = this machine's"
                placeholder="Europe/Berlin"
                value={timezone}
                onChange={(e) => setTimezone(e.currentTarget.value)}
                data-testid="scope-timezone"
              />
            </Grid.Col>
            <Grid.Col span={5}>
              <SchedulePreview schedule={schedule} timezone={timezone} />
              {isOt && schedule.trim() !== '' && (
                <Text size="xs" c="dimmed" mt={4}>
                  The schedule of a plant scope is its standing confirmation: scheduled runs start without asking.
                </Text>
              )}
            </Grid.Col>
          </Grid>

          {error && <ErrorNotice title="The scope was not saved" message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={saving} data-testid="scope-save">
              {scope ? 'Save scope' : 'Create scope'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
