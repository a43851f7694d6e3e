// The discovery scopes: what each sweeps, how, when it runs next and how its last run went, with
// Run now (plan first), Edit and Delete. A running scope shows its live progress under its row.
import { RowAction } from '../../components/RowAction.js';
import { Anchor, Badge, Button, Code, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { IconBuildingFactory2, IconEdit, IconPlayerPlay, IconPlus, IconRadar, IconTrash } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import { DISCOVERY_PROTOCOL_LABELS, type DiscoveryScope } from '../../../src-shared/api/discovery.js';
import { PROTOCOL_TRANSPORTS } from '../../../src-shared/lib/describe-scope-options.js';
import { ConfirmDeleteModal } from '../../components/ConfirmDeleteModal.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatTime } from '../../lib/format.js';
import { isRunActive } from '../../store/runs-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { DiscoveryProgress } from './DiscoveryProgress.js';
import { RunPlanModal } from './RunPlanModal.js';
import { ScopeFormModal } from './ScopeFormModal.js';

/** Ids of running discoveries by scope source, so a row knows whether its scope is running. */
function useActiveRunsBySource(): Record<string, string> {
  return useAppStore(
    useShallow((s) => {
      const result: Record<string, string> = {};
      for (const run of Object.values(s.runs.byId)) {
        if (run.kind === 'discovery' && run.sourceId && isRunActive(run)) result[run.sourceId] = run.id;
      }
      return result;
    }),
  );
}

function TargetsCell({ scope }: { scope: DiscoveryScope }) {
  const shown = scope.targets.slice(0, 2);
  const more = scope.targets.length - shown.length;
  return (
    <Stack gap={0}>
      <Text size="xs" className="fw-mono" lineClamp={2}>
        {shown.join(', ')}
        {more > 0 ? ` +${more} more` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        {scope.targetCount === null ? 'targets do not parse' : `${formatCount(scope.targetCount)} probe${scope.targetCount === 1 ? '' : 's'}`}
        {scope.exclusions.length > 0 ? ` · ${scope.exclusions.length} exclusion${scope.exclusions.length === 1 ? '' : 's'}` : ''}
      </Text>
    </Stack>
  );
}

function ScheduleCell({ scope }: { scope: DiscoveryScope }) {
  if (!scope.schedule)
    return (
      <Text size="xs" c="dimmed">
        Manual only
      </Text>
    );
  return (
    <Stack gap={0}>
      <Code>{scope.schedule}</Code>
      <Text size="xs" c="dimmed">
        {!scope.enabled ? 'Disabled: does not fire' : scope.nextRunAt ? `next ${formatTime(scope.nextRunAt)}` : 'no next run'}
      </Text>
    </Stack>
  );
}

export function ScopesPanel() {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const scopes = useAppStore((s) => s.discovery.scopes);
  const error = useAppStore((s) => s.discovery.scopesError);
  const credentials = useAppStore((s) => s.discovery.credentials) ?? [];
  const activeBySource = useActiveRunsBySource();
  const [editing, setEditing] = useState<DiscoveryScope | 'new' | null>(null);
  const [deleting, setDeleting] = useState<DiscoveryScope | null>(null);
  const [planning, setPlanning] = useState<DiscoveryScope | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A scope is what to sweep, over which protocol, and how gently. Modbus TCP, BACnet/IP and OPC UA scopes are plant (OT) scopes: every run shows
          its plan and waits for your confirmation.
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="scope-new">
          New scope
        </Button>
      </Group>
      {error && <ErrorNotice title="The discovery scopes could not be loaded" message={error} onRetry={() => void store.getState().loadScopes()} />}
      {scopes && scopes.length === 0 && (
        <EmptyState
          icon={<IconRadar size={32} />}
          withIndicatorBackground
          title="No discovery scopes yet"
          description={
            <Text size="sm">
              Create a scope with the address ranges to sweep and a credential set, or try the simulated demo network: run <Code>fieldwise demo --serve</Code>{' '}
              and open the address it prints.
            </Text>
          }
          data-testid="scopes-empty"
        />
      )}
      {scopes && scopes.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table withTableBorder highlightOnHover verticalSpacing={6} fz="sm" data-testid="scopes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Targets</Table.Th>
                <Table.Th>Protocol</Table.Th>
                <Table.Th>Credential sets</Table.Th>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th w={190} ta="right">
                  Actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scopes.map((scope) => {
                const activeRunId = activeBySource[scope.sourceId] ?? null;
                return (
                  <Fragment key={scope.id}>
                    <Table.Tr data-testid="scope-row" data-scope-name={scope.name} style={{ verticalAlign: 'top' }}>
                      <Table.Td>
                        <Stack gap={2}>
                          <Group gap={6}>
                            <Text size="sm" fw={600} data-testid="scope-name-cell">
                              {scope.name}
                            </Text>
                            {scope.ot && (
                              <Badge
                                size="xs"
                                variant="outline"
                                color="gray"
                                leftSection={<IconBuildingFactory2 size={10} aria-hidden />}
                                tt="none"
                                data-testid="scope-ot-badge"
                              >
                                Plant (OT)
                              </Badge>
                            )}
                          </Group>
                          {scope.description && (
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {scope.description}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <TargetsCell scope={scope} />
                      </Table.Td>
                      <Table.Td data-testid="scope-protocol-cell">
                        <Text size="xs">
                          {DISCOVERY_PROTOCOL_LABELS[scope.protocol]} · {PROTOCOL_TRANSPORTS[scope.protocol]}{' '}
                          {scope.ports.length > 3 ? `${scope.ports.slice(0, 3).join(', ')} +${scope.ports.length - 3}` : scope.ports.join(', ')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {scope.protocol === 'snmp' ? (scope.depth === 'full' ? 'all tables' : 'identify only') : 'read-only'} ·{' '}
                          {formatCount(scope.settings.ratePerSecond)} req/s
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {scope.credentialSets.length === 0 ? (
                          <Text size="xs" c="dimmed">
                            {scope.protocol === 'snmp' ? 'None: cannot run' : scope.protocol === 'opcua' ? 'None: anonymous' : 'None needed'}
                          </Text>
                        ) : (
                          <Text size="xs">{scope.credentialSets.map((c) => c.name).join(' → ')}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <ScheduleCell scope={scope} />
                      </Table.Td>
                      <Table.Td>
                        {scope.lastRun ? (
                          <Stack gap={2} align="flex-start">
                            <Anchor component={Link} to={`/discovery/runs/${scope.lastRun.id}`} underline="never" data-testid="scope-last-run">
                              <RunStatusBadge status={scope.lastRun.status} />
                            </Anchor>
                            <Text size="xs" c="dimmed" className="fw-mono">
                              {formatTime(scope.lastRun.startedAt)}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="xs" c="dimmed">
                            Never run
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant={activeRunId ? 'default' : 'filled'}
                            leftSection={<IconPlayerPlay size={14} aria-hidden />}
                            onClick={() => (activeRunId ? navigate(`/discovery/runs/${activeRunId}`) : setPlanning(scope))}
                            data-testid="scope-run"
                          >
                            {activeRunId ? 'Show run' : 'Run now'}
                          </Button>
                          <RowAction label="Edit scope" ariaLabel={`Edit ${scope.name}`} onClick={() => setEditing(scope)} testId="scope-edit">
                            <IconEdit size={16} />
                          </RowAction>
                          <RowAction label="Delete scope" ariaLabel={`Delete ${scope.name}`} onClick={() => setDeleting(scope)} testId="scope-delete">
                            <IconTrash size={16} />
                          </RowAction>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {activeRunId && (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <DiscoveryProgress runId={activeRunId} showRecent={false} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <ScopeFormModal scope={editing === 'new' ? null : editing} credentials={credentials} onClose={() => setEditing(null)} />}
      {planning && <RunPlanModal scopeId={planning.id} onClose={() => setPlanning(null)} onStarted={(runId) => navigate(`/discovery/runs/${runId}`)} />}
      {deleting && (
        <ConfirmDeleteModal
          opened
          title={`Delete scope “${deleting.name}”?`}
          confirmLabel="Delete scope"
          onConfirm={() => store.getState().deleteScope(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          The scope's targets, settings and schedule are removed{deleting.schedule ? ' and its schedule stops' : ''}. Its past runs, their reports and the
          assets it found are kept. The change is recorded in the audit log.
        </ConfirmDeleteModal>
      )}
    </Stack>
  );
}
