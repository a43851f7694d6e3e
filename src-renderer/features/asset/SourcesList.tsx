// The sources that reported this asset, with their native key and when they last saw it.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { formatTime } from '../../lib/format.js';

export function SourcesList({ sources }: { sources: AssetDetail['sources'] }) {
  if (sources.length === 0) return <Text size="sm" c="dimmed">No source has reported this asset.</Text>;
  return (
    <Stack gap={6} data-testid="asset-sources">
      {sources.map((source) => (
        <Stack key={`${source.sourceId}-${source.nativeKey}`} gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {source.sourceName}
            </Text>
            <Badge size="xs" variant="outline" color="gray" tt="none">
              {SOURCE_KIND_LABELS[source.sourceKind]}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            key <span className="fw-mono">{source.nativeKey}</span> · last seen {formatTime(source.lastSeen)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
