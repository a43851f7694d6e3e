// The home dashboard: the state of the estate at a glance (docs/dashboard.md). Every figure is a
// door: an asset count opens the inventory with the filter behind it (the figure and the list it
// opens come from the same filter, so they cannot disagree), review items open the review queue,
// runs open the runs page.
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { AssetDoor } from '../../../src-shared/api/dashboard.js';
import type { AssetFilter } from '../../../src-shared/api/inventory.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { RunStatusBadge } from '../../components/RunStatusBadge.js';
import { formatCount, formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { DoorChart } from './DoorChart.js';

function Headline({ label, value, testId, onOpen }: { label: string; value: number; testId: string; onOpen(): void }) {
  return (
    <Paper withBorder p="sm">
      <UnstyledButton onClick={onOpen} data-testid={testId} data-count={value} w="100%" className="fw-door" style={{ border: 'none' }}>
        <Text size="xl" fw={700} className="fw-mono">
          {formatCount(value)}
        </Text>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
      </UnstyledButton>
    </Paper>
  );
}

export function DashboardPage() {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const { summary, error, loading } = useAppStore((s) => s.dashboard);

  useEffect(() => {
    void store.getState().loadDashboard();
  }, [store]);

  const openInventory = (filter: AssetFilter) => {
    store.getState().replaceInventoryFilter(filter);
    navigate('/inventory');
  };
  const openDoor = (door: AssetDoor) => openInventory(door.filter);
  const openReview = (status: 'open' | 'deferred') => {
    store.getState().setStewardshipFilter({ status });
    navigate('/review');
  };

  return (
    <Stack gap="sm" data-testid="dashboard">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Home
        </Title>
        <Group gap="xs">
          {summary && (
            <Text size="xs" c="dimmed">
              As of {formatTime(summary.generatedAt)}
            </Text>
          )}
          <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} loading={loading} data-loading={loading || undefined} data-testid="dashboard-refresh" onClick={() => void store.getState().loadDashboard()}>
            Refresh
          </Button>
        </Group>
      </Group>
      {error && <ErrorNotice title="The dashboard could not be loaded" message={error} onRetry={() => void store.getState().loadDashboard()} />}
      {summary && summary.total === 0 && (
        <Paper withBorder p="md" data-testid="dashboard-empty">
          <Stack gap="xs" align="flex-start">
            <Text fw={600}>No assets yet</Text>
            <Text size="sm" c="dimmed">
              Import an inventory file (the examples/ folder has one of each kind) or run a discovery; this page then shows the estate at a glance.
            </Text>
            <Button component={Link} to="/import" leftSection={<IconFileImport size={16} aria-hidden />}>
              Import a file
            </Button>
          </Stack>
        </Paper>
      )}
      {summary && summary.total > 0 && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Headline label="Assets (open the inventory)" value={summary.total} testId="door-total" onOpen={() => openInventory({})} />
            <Headline label="Not seen for over 30 days" value={summary.freshness.find((f) => f.key === 'older')?.count ?? 0} testId="door-stale" onOpen={() => openDoor(summary.freshness.find((f) => f.key === 'older')!)} />
            <Headline label="Open review items" value={summary.review.open} testId="door-review-open" onOpen={() => openReview('open')} />
            <Headline label="Deferred review items" value={summary.review.deferred} testId="door-review-deferred" onOpen={() => openReview('deferred')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            <DoorChart title="Assets by class" group="class" doors={summary.byClass} layout="horizontal" onOpen={openDoor} />
            <DoorChart
              title="Assets by site (network)"
              group="site"
              doors={summary.bySite}
              layout="horizontal"
              note="An asset with IPs on two networks counts in both."
              onOpen={openDoor}
            />
            <DoorChart title="Assets by source" group="source" doors={summary.bySource} layout="horizontal" note="An asset several sources report counts under each." onOpen={openDoor} />
            <DoorChart title="Freshness: last seen" group="freshness" doors={summary.freshness} layout="vertical" onOpen={openDoor} />
            <DoorChart
              title="Data quality: assets by quality score"
              group="quality"
              doors={summary.quality}
              layout="vertical"
              note={summary.unscored > 0 ? `${formatCount(summary.unscored)} assets have no score.` : undefined}
              onOpen={openDoor}
            />
            <DoorChart title="Required fields most often missing" group="missing" doors={summary.missingFields} layout="horizontal" maxBars={8} emptyText="Every asset has every field its class requires." onOpen={openDoor} />
          </SimpleGrid>
        </>
      )}
      {summary && (
        <Paper withBorder p="sm" data-testid="figure-runs">
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                Recent runs
              </Text>
              <Anchor component={Link} to="/runs" size="sm" data-testid="door-runs">
                All runs
              </Anchor>
            </Group>
            {summary.runs.byStatus.length > 0 && (
              <Group gap={6}>
                <Text size="xs" c="dimmed">
                  Last 30 days:
                </Text>
                {summary.runs.byStatus.map((s) => (
                  <UnstyledButton key={s.status} onClick={() => navigate('/runs')} data-testid={`door-runs-${s.status}`} data-count={s.count} className="fw-door">
                    <Group gap={4} wrap="nowrap">
                      <Text span size="sm" fw={600}>
                        {formatCount(s.count)}
                      </Text>
                      <RunStatusBadge status={s.status} />
                    </Group>
                  </UnstyledButton>
                ))}
              </Group>
            )}
            {summary.runs.recent.length === 0 && (
              <Text size="sm" c="dimmed">
                No runs yet.
              </Text>
            )}
            {summary.runs.recent.map((run) => (
              <UnstyledButton key={run.id} onClick={() => navigate('/runs')} data-testid="dashboard-run">
                <Group gap="sm" wrap="nowrap">
                  <RunStatusBadge status={run.status} />
                  <Text size="sm" w={220} truncate>
                    {run.sourceName ?? run.scope}
                  </Text>
                  <Text size="xs" className="fw-mono" c="dimmed">
                    {formatTime(run.startedAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatCount(run.counts.read)} read · {formatCount(run.counts.created)} created · {formatCount(run.counts.updated)} updated · {formatCount(run.counts.rejected)} rejected
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
