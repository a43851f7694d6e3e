// History of imports and discovery runs, newest first, each with its report; then per-source quality.
import { Accordion, Button, Code, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconHistory, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useShallow } from 'zustand/react/shallow';
import type { Run } from '../../../src-shared/api/runs.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatDuration, formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { RunReport } from './RunReport.js';
import { SourceQualityTable } from './SourceQualityTable.js';

function RunTitle({ run }: { run: Run }) {
  const progress = useAppStore((s) => s.runs.progress[run.id]);
  return (
    <Group gap="sm" wrap="nowrap">
      <RunStatusBadge status={run.status} />
      <Text size="sm" fw={500} w={200} truncate>
        {run.sourceName ?? run.scope}
      </Text>
      <Text size="xs" c="dimmed" w={160}>
        {run.sourceKind ? SOURCE_KIND_LABELS[run.sourceKind] : run.kind}
      </Text>
      <Text size="xs" className="fw-mono" w={130}>
        {formatTime(run.startedAt)}
      </Text>
      <Text size="xs" c="dimmed">
        {run.status === 'running' && progress
          ? `${formatCount(progress.records)} records so far`
          : `${formatCount(run.counts.read)} read · ${formatCount(run.counts.created)} created · ${formatCount(run.counts.updated)} updated · ${formatCount(run.counts.rejected)} rejected · ${formatDuration(run.durationMs)}`}
      </Text>
    </Group>
  );
}

export function RunsPage() {
  const store = useAppStoreApi();
  const runs = useAppStore(useShallow((s) => (s.runs.listIds ?? []).map((id) => s.runs.byId[id]).filter((r): r is Run => r !== undefined)));
  const loaded = useAppStore((s) => s.runs.listIds !== null);
  const error = useAppStore((s) => s.runs.listError);

  useEffect(() => {
    void store.getState().loadRuns();
  }, [store]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Runs
        </Title>
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void store.getState().loadRuns()}>
          Refresh
        </Button>
      </Group>
      {error && <ErrorNotice title="The run history could not be loaded" message={error} onRetry={() => void store.getState().loadRuns()} />}
      {loaded && runs.length === 0 && (
        <EmptyState
          icon={<IconHistory size={32} />}
          withIndicatorBackground
          title="No runs yet"
          description={
            <Text size="sm">
              Every import and discovery leaves a report here. Start an import from the Import page (try <Code>examples/servers.csv</Code>) or with{' '}
              <Code>fieldwise import</Code>.
            </Text>
          }
        >
          <EmptyState.Actions>
            <Button component={Link} to="/import" leftSection={<IconFileImport size={16} aria-hidden />}>
              Import a file
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      )}
      {runs.length > 0 && (
        <Accordion variant="contained" multiple chevronPosition="left" data-testid="runs-list">
          {runs.map((run) => (
            <Accordion.Item key={run.id} value={run.id} data-testid="run-item">
              <Accordion.Control>
                <RunTitle run={run} />
              </Accordion.Control>
              <Accordion.Panel>
                <RunReport run={run} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {runs.length > 0 && (
        <Stack gap="xs" mt="sm">
          <Title order={3} size="h5">
            Source quality
          </Title>
          <SourceQualityTable />
        </Stack>
      )}
    </Stack>
  );
}
