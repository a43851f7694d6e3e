// Settings: what this installation is and where it keeps data, the theme, and audit-chain verification.
import { Alert, Button, Code, Group, Paper, SegmentedControl, Stack, Table, Text, Title, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconAlertOctagon, IconShieldCheck } from '@tabler/icons-react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

function AuditVerify() {
  const store = useAppStoreApi();
  const { running, result, error } = useAppStore((s) => s.system.auditVerify);
  return (
    <Stack gap="xs" data-testid="audit-verify">
      <Text size="sm" c="dimmed">
        Every change is recorded in a hash-chained audit log. Verification recomputes the chain and reports any event that was edited,
        deleted or reordered.
      </Text>
      <Group>
        <Button variant="default" onClick={() => void store.getState().verifyAudit()} loading={running} data-testid="audit-verify-button">
          Verify audit log
        </Button>
      </Group>
      {error && <ErrorNotice title="Verification could not run" message={error} />}
      {result && result.ok && (
        <Alert color="gray" variant="light" icon={<IconShieldCheck aria-hidden />} title="Audit log intact" data-testid="audit-verify-result" data-ok="true">
          {formatCount(result.checked)} event{result.checked === 1 ? '' : 's'} checked; the hash chain is unbroken.
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" icon={<IconAlertOctagon aria-hidden />} title="Audit log has been tampered with" data-testid="audit-verify-result" data-ok="false">
          <Stack gap={2}>
            <Text size="sm">
              {formatCount(result.checked)} event{result.checked === 1 ? '' : 's'} checked, {result.problems.length} problem{result.problems.length === 1 ? '' : 's'}:
            </Text>
            {result.problems.map((p, i) => (
              <Text key={`${p.seq ?? 'none'}-${i}`} size="sm">
                {p.seq !== null ? `Event #${p.seq}: ` : ''}
                {p.problem}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

export function SettingsPage() {
  const info = useAppStore((s) => s.system.info);
  const infoError = useAppStore((s) => s.system.infoError);
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  // In a browser (serve mode) the server keeps its paths to itself: `fieldwise serve` prints them.
  const rows = (
    info
      ? [
          ['Application', info.appName],
          ['Version', info.version],
          ['Data directory', info.dataDir],
          ['Database', info.databasePath],
          ['Schema version', String(info.schemaVersion)],
          ['Assets', formatCount(info.assetCount)],
        ]
      : []
  ).filter((row): row is [string, string] => row[1] !== null);
  return (
    <Stack gap="sm" maw={820}>
      <Title order={2} size="h3">
        Settings
      </Title>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            System
          </Title>
          {infoError && <ErrorNotice title="System information could not be loaded" message={infoError} />}
          <Table fz="sm" verticalSpacing={4} data-testid="system-info">
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={180}>{label}</Table.Th>
                  <Table.Td>{label === 'Data directory' || label === 'Database' ? <Code>{value}</Code> : value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {info && info.dataDir === null && (
            <Text size="sm" c="dimmed" data-testid="system-info-paths-hidden">
              The data directory is not shown in the browser: the terminal running fieldwise serve printed it at start.
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            Theme
          </Title>
          <SegmentedControl
            w={320}
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'System' },
            ]}
            data-testid="theme-select"
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            Audit log
          </Title>
          <AuditVerify />
        </Stack>
      </Paper>
    </Stack>
  );
}
