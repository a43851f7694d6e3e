// Vendor, model, serial and firmware of the asset.
import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';

export function HardwarePanel({ hardware }: { hardware: AssetDetail['hardware'] }) {
  const items = [
    ['Vendor', hardware.vendor],
    ['Model', hardware.model],
    ['Serial number', hardware.serial],
    ['Firmware', hardware.firmware],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="hardware">
      {items.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm">{value ?? '—'}</Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
