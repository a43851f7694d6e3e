// One discovery run: live progress while it runs, then its report — hosts per outcome (each count is
// a door that filters the host table), assets written, relations and learned addresses, the plan it
// started with, and Resume for an interrupted or cancelled run.
import { Alert, Anchor, Button, Code, Group, Paper, SimpleGrid, Skeleton, Stack, Tabs, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconArrowLeft, IconPlayerTrackNext } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DISCOVERY_HOST_STATUS_LABELS, DISCOVERY_HOST_STATUSES, type DiscoveryHostStatus, type DiscoveryRunReport } from '../../../src-shared/api/discovery.js';
import { describeScopeOptions } from '../../../src-shared/lib/describe-scope-options.js';
import { silentHostsNote } from '../../../src-shared/model/silent-host.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatDuration, formatTime } from '../../lib/format.js';
import { isRunActive } from '../../store/runs-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { DiscoveryProgress } from './DiscoveryProgress.js';
import { HostOutcomeIcon } from './HostOutcomeBadge.js';
import { HostsTable } from './HostsTable.js';
import { LearnedAddressesTable } from './LearnedAddressesTable.js';
import { RunPlanModal } from './RunPlanModal.js';

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Stack gap={0} data-testid={testId} data-value={value}>
      <Text size="lg" fw={700}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function OutcomeDoors({
  report,
  selected,
  onSelect,
}: {
  report: DiscoveryRunReport;
  selected: DiscoveryHostStatus | null;
  onSelect: (s: DiscoveryHostStatus | null) => void;
}) {
  // Hosts a cancel stopped mid-probe are among those not probed, not a door of their own: the
  // doors add up to all hosts done, and done plus not probed to the targets.
  const present = DISCOVERY_HOST_STATUSES.filter((s) => s !== 'cancelled' && (report.byStatus[s] ?? 0) > 0);
  const stopped = report.byStatus.cancelled ?? 0;
  return (
    <Group gap="xs" data-testid="outcome-doors">
      <UnstyledButton
        className="fw-door"
        data-active={selected === null || undefined}
        aria-pressed={selected === null}
        onClick={() => onSelect(null)}
        data-testid="outcome-all"
      >
        <Text size="sm">
          All hosts <b>{formatCount(report.hostsDone)}</b>
        </Text>
      </UnstyledButton>
      {present.map((status) => (
        <UnstyledButton
          key={status}
          className="fw-door"
          data-active={selected === status || undefined}
          aria-pressed={selected === status}
          onClick={() => onSelect(selected === status ? null : status)}
          data-testid={`outcome-${status}`}
          data-count={report.byStatus[status]}
        >
          <Group gap={4} wrap="nowrap">
            <HostOutcomeIcon status={status} />
            <Text size="sm">
              {DISCOVERY_HOST_STATUS_LABELS[status]} <b>{formatCount(report.byStatus[status] ?? 0)}</b>
            </Text>
          </Group>
        </UnstyledButton>
      ))}
      {report.notProbed > 0 && (
        <Text size="sm" c="dimmed" data-testid="outcome-not-probed">
          Not probed {formatCount(report.notProbed)}
          {stopped > 0 ? ` (${formatCount(stopped)} stopped by the cancel)` : ''}
        </Text>
      )}
    </Group>
  );
}

function PlanSummary({ report }: { report: DiscoveryRunReport }) {
  const { plan } = report;
  const about = describeScopeOptions(plan.options, plan.depth);
  return (
    <Stack gap={4} data-testid="report-plan">
      <Text size="sm">
        <b>Protocol</b> {about.protocol}: {about.reads.join('; ')} <Text span size="xs" c="dimmed">(sends {about.services})</Text>
      </Text>
      <Text size="sm">
        <b>Targets</b> <span className="fw-mono">{plan.targets.join(', ')}</span>
        {plan.exclusions.length > 0 && (
          <>
            {' '}
            except <span className="fw-mono">{plan.exclusions.join(', ')}</span>
          </>
        )}{' '}
        on {about.transport} {plan.ports.join(', ')} — {formatCount(plan.targetCount)} probes{plan.network ? ` on network ${plan.network}` : ''}
      </Text>
      <Text size="sm">
        <b>Credential sets</b> {plan.credentials.map((c) => c.name).join(' → ') || 'none'}
      </Text>
      <Text size="sm">
        <b>Safety</b> {formatCount(plan.settings.ratePerSecond)} requests/s, {plan.settings.concurrency} hosts at once, {plan.settings.perHostIntervalMs} ms
        per-device spacing, timeout {plan.settings.timeoutMs} ms × {plan.settings.retries + 1} (backoff ×{plan.settings.backoff})
        {plan.ot ? '; plant (OT) scope, confirmed' : ''}
      </Text>
    </Stack>
  );
}

export function DiscoveryRunPage() {
  const { runId = '' } = useParams();
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const report = useAppStore((s) => s.discovery.reports[runId]);
  const storedRun = useAppStore((s) => s.runs.byId[runId]);
  const [outcome, setOutcome] = useState<DiscoveryHostStatus | null>(null);
  const [resuming, setResuming] = useState(false);

  useEffect(() => {
    void store.getState().loadDiscoveryReport(runId);
    void store.getState().loadLearnedAddresses(runId);
  }, [store, runId]);
  useEffect(() => {
    void store.getState().loadDiscoveryHosts(runId, outcome ? [outcome] : []);
  }, [store, runId, outcome]);

  const data = report?.data ?? null;
  const run = storedRun ?? data?.run ?? null;
  const back = (
    <Anchor component={Link} to="/discovery" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden /> Discovery
      </Group>
    </Anchor>
  );
  if (!data || !run) {
    return (
      <Stack gap="sm">
        {back}
        {report?.error ? (
          <ErrorNotice title="This discovery run could not be loaded" message={report.error} onRetry={() => void store.getState().loadDiscoveryReport(runId)} />
        ) : (
          <Stack gap="xs" aria-busy>
            <Skeleton h={28} w={360} />
            <Skeleton h={120} />
          </Stack>
        )}
      </Stack>
    );
  }

  const active = isRunActive(run);
  const canResume = !active && (run.status === 'interrupted' || run.status === 'cancelled') && data.scopeId !== null && data.notProbed > 0;
  const silentNote = silentHostsNote(data.byStatus.no_response ?? 0);
  return (
    <Stack gap="sm" data-testid="discovery-run" data-status={run.status}>
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            Discovery of “{run.sourceName ?? run.scope}”
          </Title>
          <Group gap="xs">
            <RunStatusBadge status={run.status} />
            <Text size="xs" c="dimmed">
              {run.trigger === 'scheduled' ? 'scheduled' : run.trigger === 'cli' ? 'from the command line' : 'started by hand'} · {formatTime(run.startedAt)}
              {run.durationMs !== null ? ` · took ${formatDuration(run.durationMs)}` : ''}
            </Text>
            {data.resumedFromRunId && (
              <Anchor component={Link} to={`/discovery/runs/${data.resumedFromRunId}`} size="xs">
                resumes an earlier run
              </Anchor>
            )}
          </Group>
        </Stack>
        {canResume && (
          <Button leftSection={<IconPlayerTrackNext size={16} aria-hidden />} onClick={() => setResuming(true)} data-testid="discovery-resume">
            Resume ({formatCount(data.notProbed)} not probed)
          </Button>
        )}
      </Group>

      {active && <DiscoveryProgress runId={run.id} />}
      {run.error && run.status !== 'cancelled' && (
        <Alert
          color={run.status === 'interrupted' ? 'orange' : 'red'}
          variant="light"
          icon={run.status === 'interrupted' ? <IconAlertTriangle aria-hidden /> : <IconAlertOctagon aria-hidden />}
          title={run.status === 'interrupted' ? 'The run was interrupted' : 'The run failed'}
          data-testid="discovery-run-error"
        >
          {run.error.message}
          {canResume ? ' Resume probes only what it did not finish.' : ''}
        </Alert>
      )}
      {run.status === 'cancelled' && (
        <Text size="sm">
          Cancelled: the hosts collected before the cancel are kept{data.notProbed > 0 ? `; ${formatCount(data.notProbed)} were not probed` : ''}.
        </Text>
      )}

      <Paper withBorder p="sm" data-testid="discovery-report">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 3, md: 7 }} spacing="xs">
            <Figure label="Probes planned" value={data.plan.targetCount} testId="report-planned" />
            <Figure label="Hosts done" value={data.hostsDone} testId="report-done" />
            <Figure label="Devices found" value={data.byStatus.found ?? 0} testId="report-found" />
            <Figure label="Assets created" value={run.counts.created} testId="report-created" />
            <Figure label="Assets updated" value={run.counts.updated} testId="report-updated" />
            <Figure label="Relations written" value={data.relationsWritten} testId="report-relations" />
            <Figure label="Learned addresses" value={data.learnedAddresses.total} testId="report-learned" />
          </SimpleGrid>
          <OutcomeDoors report={data} selected={outcome} onSelect={setOutcome} />
        </Stack>
      </Paper>

      <Tabs defaultValue="hosts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="hosts" data-testid="tab-hosts">
            Hosts ({formatCount(data.hostsDone)})
          </Tabs.Tab>
          <Tabs.Tab value="learned" data-testid="tab-learned">
            Learned addresses ({formatCount(data.learnedAddresses.total)})
          </Tabs.Tab>
          <Tabs.Tab value="plan" data-testid="tab-plan">
            Plan
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="hosts" pt="xs">
          {silentNote && (outcome === null || outcome === 'no_response') && (
            <Text size="xs" c="dimmed" mb="xs" data-testid="silent-hosts-note">
              {silentNote}
            </Text>
          )}
          <HostsTable runId={run.id} statuses={outcome ? [outcome] : []} />
        </Tabs.Panel>
        <Tabs.Panel value="learned" pt="xs">
          <LearnedAddressesTable runId={run.id} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="xs">
          <PlanSummary report={data} />
          <Text size="xs" c="dimmed" mt="xs">
            Run <Code>{run.id}</Code> · correlation <Code>{run.correlationId}</Code>
          </Text>
        </Tabs.Panel>
      </Tabs>
      {resuming && data.scopeId && (
        <RunPlanModal
          scopeId={data.scopeId}
          resumeRunId={run.id}
          onClose={() => setResuming(false)}
          onStarted={(newRunId) => {
            setResuming(false);
            navigate(`/discovery/runs/${newRunId}`);
          }}
        />
      )}
    </Stack>
  );
}
