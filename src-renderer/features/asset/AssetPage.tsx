// One asset: header, every field with its provenance, submodels, tags, lifecycle and audit history.
import { Anchor, Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { LIFECYCLE_STAGE_LABELS } from '../../../src-shared/model/lifecycle-stages.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { AuditHistory } from './AuditHistory.js';
import { EditFieldsModal } from './EditFieldsModal.js';
import { FieldsTable } from './FieldsTable.js';
import { HardwarePanel } from './HardwarePanel.js';
import { InterfacesTable } from './InterfacesTable.js';
import { LifecycleEditor } from './LifecycleEditor.js';
import { NeighboursPanel } from './NeighboursPanel.js';
import { SoftwareTable } from './SoftwareTable.js';
import { SourcesList } from './SourcesList.js';
import { TagsEditor } from './TagsEditor.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function AssetPage() {
  const { id = '' } = useParams();
  const store = useAppStoreApi();
  const entry = useAppStore((s) => s.assets[id]);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    void store.getState().loadAsset(id);
    void store.getState().loadAssetHistory(id);
  }, [store, id]);

  const back = (
    <Anchor component={Link} to="/" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden /> Inventory
      </Group>
    </Anchor>
  );

  const detail = entry?.detail;
  if (!detail) {
    return (
      <Stack gap="sm">
        {back}
        {entry?.error ? (
          <ErrorNotice title="This asset could not be loaded" message={entry.error} onRetry={() => void store.getState().loadAsset(id)} />
        ) : (
          <Stack gap="xs" aria-busy>
            <Skeleton h={28} w={320} />
            <Skeleton h={200} />
          </Stack>
        )}
      </Stack>
    );
  }

  const { summary } = detail;
  return (
    <Stack gap="sm" data-testid="asset-page">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3" data-testid="asset-name">
            {summary.name}
          </Title>
          <Group gap="xs">
            <Badge variant="outline" color="gray" tt="none" data-testid="asset-class">
              {ASSET_CLASS_LABELS[summary.class]}
            </Badge>
            <StatusBadge status={summary.status} />
            <Badge variant="outline" color="gray" tt="none" data-testid="asset-lifecycle">
              {summary.lifecycleStage ? LIFECYCLE_STAGE_LABELS[summary.lifecycleStage] : 'No lifecycle stage'}
            </Badge>
            <Text size="xs" c="dimmed">
              first seen {formatTime(summary.firstSeen)} · last seen {formatTime(summary.lastSeen)} · {summary.sourceCount} source
              {summary.sourceCount === 1 ? '' : 's'}
            </Text>
          </Group>
        </Stack>
        <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="edit-fields">
          Edit fields
        </Button>
      </Group>
      {entry.error && <ErrorNotice title="Showing the last loaded version; refreshing failed" message={entry.error} />}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <Section title="Fields and where they came from" testId="fields-section">
              <FieldsTable fields={detail.fields} />
            </Section>
            <Section title="Hardware">
              <HardwarePanel hardware={detail.hardware} />
            </Section>
            <Section title="Network interfaces">
              <InterfacesTable interfaces={detail.interfaces} />
            </Section>
            <Section title="Neighbours" testId="neighbours-section">
              <NeighboursPanel assetId={summary.id} />
            </Section>
            <Section title="Software">
              <SoftwareTable software={detail.software} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="sm">
            <Section title="Tags">
              <TagsEditor assetId={summary.id} tags={detail.tags} />
            </Section>
            <Section title="Lifecycle">
              <LifecycleEditor assetId={summary.id} lifecycle={detail.lifecycle} />
            </Section>
            <Section title="Sources">
              <SourcesList sources={detail.sources} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <Section title="History">
            <AuditHistory events={entry.history} error={entry.historyError} />
          </Section>
        </Grid.Col>
      </Grid>
      {editing && <EditFieldsModal detail={detail} opened={editing} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
