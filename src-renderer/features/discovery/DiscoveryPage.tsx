// Network discovery: scopes (what to sweep, how gently, when), credential sets (secrets in the OS
// keychain) and the history of runs. Each tab has its own address so Back and links work.
import { Alert, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconClockPause, IconHistory, IconKey, IconRadar } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { CredentialsPanel } from './CredentialsPanel.js';
import { OpcuaCertificates } from './OpcuaCertificates.js';
import { DiscoveryHistory } from './DiscoveryHistory.js';
import { ScopesPanel } from './ScopesPanel.js';

const TABS = [
  { value: 'scopes', path: '/discovery', label: 'Scopes', icon: IconRadar },
  { value: 'credentials', path: '/discovery/credentials', label: 'Credential sets', icon: IconKey },
  { value: 'history', path: '/discovery/history', label: 'Run history', icon: IconHistory },
] as const;

export function DiscoveryPage() {
  const store = useAppStoreApi();
  const location = useLocation();
  const navigate = useNavigate();
  const skipped = useAppStore((s) => s.discovery.skipped[0]);
  const tab = TABS.find((t) => t.path === location.pathname) ?? TABS[0];

  useEffect(() => {
    const state = store.getState();
    void state.loadScopes();
    void state.loadCredentials();
    void state.loadRuns();
  }, [store]);

  return (
    <Stack gap="sm" data-testid="discovery-page">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Discovery
        </Title>
        <Text size="xs" c="dimmed">
          SNMP, Modbus TCP, BACnet/IP and OPC UA, read-only. Every run shows its plan first; plant (OT) runs wait for your confirmation.
        </Text>
      </Group>
      {skipped && (
        <Alert color="gray" variant="light" icon={<IconClockPause aria-hidden />} p="xs" data-testid="schedule-skipped">
          Scheduled run of “{skipped.scopeName}” due {formatTime(skipped.dueAt)} did not start: {skipped.message}
        </Alert>
      )}
      <Tabs value={tab.value} onChange={(value) => navigate(TABS.find((t) => t.value === value)?.path ?? '/discovery')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={14} aria-hidden />} data-testid={`discovery-tab-${t.value}`}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="scopes" pt="sm">
          <ScopesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="credentials" pt="sm">
          <Stack gap="xl">
            <CredentialsPanel />
            <OpcuaCertificates />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <DiscoveryHistory />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
