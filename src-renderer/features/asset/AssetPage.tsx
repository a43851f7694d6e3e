// One asset: header, every field with its provenance (and what other sources said), why it is one
// asset, its quality, submodels, tags, lifecycle, the versions of the record and its audit history.
import { Alert, Anchor, Badge, Button, CloseButton, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconInfoCircle, IconPlugConnected } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AssetFieldName } from '../../../src-shared/model/asset-fields.js';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { LIFECYCLE_STAGE_LABELS } from '../../../src-shared/model/lifecycle-stages.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatTime } from '../../lib/format.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { AddOtAssetModal } from './AddOtAssetModal.js';
import { AuditHistory } from './AuditHistory.js';
import { EditFieldsModal } from './EditFieldsModal.js';
import { FieldsTable } from './FieldsTable.js';
import { HardwarePanel } from './HardwarePanel.js';
import { InterfacesTable } from './InterfacesTable.js';
import { LifecycleEditor } from './LifecycleEditor.js';
import { MergedAwayNotice } from './MergedAwayNotice.js';
import { NeighboursPanel } from './NeighboursPanel.js';
import { OtSection } from './OtSection.js';
import { QualityPanel } from './QualityPanel.js';
import { SoftwareTable } from './SoftwareTable.js';
import { SourcesList } from './SourcesList.js';
import { TagsEditor } from './TagsEditor.js';
import { VersionsList } from './VersionsList.js';
import { WhyOneAssetPanel, type WhyOutcome } from './WhyOneAssetPanel.js';

function Section({ title, children, testId, aside }: { title: string; children: ReactNode; testId?: string; aside?: ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

export function AssetPage() {
  const { id = '' } = useParams();
  const store = useAppStoreApi();
  const entry = useAppStore((s) => s.assets[id]);
  const versions = useAppStore((s) => s.versions[id]);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [addingBehind, setAddingBehind] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<AssetFieldName>>(new Set());
  // Kept across navigation to another asset (the page stays mounted), so an unmerge can say what it did there.
  const [outcome, setOutcome] = useState<WhyOutcome | null>(null);

  useEffect(() => {
    const state = store.getState();
    void state.loadAsset(id);
    void state.loadAssetHistory(id);
    void state.loadExplanation(id);
    void state.loadVersions(id);
    setExpanded(new Set());
  }, [store, id]);

  const toggleField = useCallback((field: AssetFieldName) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(field)) next.delete(field);
      else next.add(field);
      return next;
    });
  }, []);
  const openField = useCallback((field: AssetFieldName) => {
    setExpanded((current) => new Set(current).add(field));
    window.setTimeout(() => document.querySelector(`[data-testid="provenance-${field}"]`)?.scrollIntoView({ block: 'center' }), 0);
  }, []);
  const onOutcome = useCallback(
    (next: WhyOutcome) => {
      setOutcome(next);
      if (next.goTo) navigate(`/assets/${next.goTo}`);
    },
    [navigate],
  );

  const back = (
    <Anchor component={Link} to="/inventory" size="sm">
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
          <>
            <MergedAwayNotice versions={versions} />
            <ErrorNotice title="This asset could not be loaded" message={entry.error} onRetry={() => void store.getState().loadAsset(id)} />
          </>
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
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPlugConnected size={16} aria-hidden />} onClick={() => setAddingBehind(true)} data-testid="add-device-behind">
            Add device behind this one
          </Button>
          <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)} data-testid="edit-fields">
            Edit fields
          </Button>
        </Group>
      </Group>
      {outcome && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="why-outcome" withCloseButton={false}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">
              {outcome.message}{' '}
              {outcome.links.map((link) => (
                <Anchor key={link.id} component={Link} to={`/assets/${link.id}`} size="sm" mr="sm" data-testid="why-outcome-link">
                  {link.label}
                </Anchor>
              ))}
            </Text>
            <CloseButton size="sm" aria-label="Dismiss" onClick={() => setOutcome(null)} />
          </Group>
        </Alert>
      )}
      {entry.error && <ErrorNotice title="Showing the last loaded version; refreshing failed" message={entry.error} />}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <Section title="Fields and where they came from" testId="fields-section">
              <FieldsTable
                fields={detail.fields}
                expanded={expanded}
                onToggle={toggleField}
                onAcceptSuggestion={(field, value) => store.getState().updateAssetFields(summary.id, { fields: { [field]: value } })}
              />
            </Section>
            <OtSection detail={detail} />
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
            <Section title="Quality" testId="quality-section">
              <QualityPanel quality={detail.quality} onOpenField={openField} />
            </Section>
            <Section title="Why is this one asset" testId="why-section">
              <WhyOneAssetPanel asset={summary} onOutcome={onOutcome} />
            </Section>
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
        {/* Full width: beside the audit history the "What changed" column was squeezed to a few words a line. */}
        <Grid.Col span={12}>
          <Section title="History of this record" testId="versions-section">
            <VersionsList entry={versions} onRetry={() => void store.getState().loadVersions(id)} />
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <Section title="Audit history">
            <AuditHistory events={entry.history} error={entry.historyError} />
          </Section>
        </Grid.Col>
      </Grid>
      {editing && <EditFieldsModal detail={detail} opened={editing} onClose={() => setEditing(false)} />}
      {addingBehind && <AddOtAssetModal opened={addingBehind} onClose={() => setAddingBehind(false)} parent={{ id: summary.id, name: summary.name }} />}
    </Stack>
  );
}
