// The OT section of an asset's page: where it sits in the plant (site, area, IEC 62443 zone and
// conduit, Purdue level), how much it matters, what it does, and the devices it sits behind or that
// sit behind it (part_of relations). Shown only when one of these is known.
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';
import { ASSET_FIELD_LABELS } from '../../../src-shared/model/asset-fields.js';
import { CRITICALITY_LABELS, OT_FIELD_NAMES, parseCriticality, parsePurdueLevel, PURDUE_LEVEL_LABELS } from '../../../src-shared/model/ot-fields.js';
import { topologyKey, type TopologyQuery } from '../../store/discovery-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

function shownValue(field: string, value: unknown): string {
  if (field === 'purdue_level') {
    const level = parsePurdueLevel(value as string);
    return level === null ? String(value) : PURDUE_LEVEL_LABELS[level];
  }
  if (field === 'criticality') {
    const criticality = parseCriticality(value as string);
    return criticality === null ? String(value) : CRITICALITY_LABELS[criticality];
  }
  return String(value);
}

export function OtSection({ detail, aside }: { detail: AssetDetail; aside?: ReactNode }) {
  const store = useAppStoreApi();
  const assetId = detail.summary.id;
  const query = useMemo<TopologyQuery>(() => ({ scopeId: null, minConfidence: 0, assetId }), [assetId]);
  const topology = useAppStore((s) => s.discovery.topologies[topologyKey(query)]?.data ?? null);
  useEffect(() => {
    void store.getState().loadTopology(query);
  }, [store, query]);

  const values = OT_FIELD_NAMES.map((field) => ({ field, value: detail.fields.find((f) => f.field === field)?.value })).filter((v) => v.value !== undefined && v.value !== null);
  const nameOf = (id: string) => topology?.nodes.find((n) => n.assetId === id)?.name ?? id;
  const partOf = topology?.edges.filter((e) => e.type === 'part_of') ?? [];
  const parents = [...new Set(partOf.filter((e) => e.fromAssetId === assetId).map((e) => e.toAssetId))];
  const children = [...new Set(partOf.filter((e) => e.toAssetId === assetId).map((e) => e.fromAssetId))];
  if (values.length === 0 && parents.length === 0 && children.length === 0) return null;

  const link = (id: string) => (
    <Anchor key={id} component={Link} to={`/assets/${id}`} size="sm" mr="sm">
      {nameOf(id)}
    </Anchor>
  );
  return (
    <Paper withBorder p="sm" data-testid="ot-section">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            OT
          </Title>
          {aside}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
          {values.map(({ field, value }) => (
            <Group key={field} gap={6} wrap="nowrap" align="baseline" data-testid={`ot-${field}`}>
              <Text size="sm" c="dimmed" miw={140}>
                {ASSET_FIELD_LABELS[field]}
              </Text>
              <Text size="sm">{shownValue(field, value)}</Text>
            </Group>
          ))}
        </SimpleGrid>
        {parents.length > 0 && (
          <Text size="sm" data-testid="ot-parent">
            Sits behind {parents.map(link)}
          </Text>
        )}
        {children.length > 0 && (
          <Text size="sm" data-testid="ot-children">
            Devices behind it: {children.map(link)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
