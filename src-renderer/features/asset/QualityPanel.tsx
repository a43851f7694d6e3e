// The asset's quality score with the parts it is made of: completeness (which required fields are
// missing) and agreement (which fields sources dispute — each opens the field's other values), with
// freshness beside them: age is shown, not mixed into the score (an old record can still be right).
// The figure is a door: the breakdown explains the number.
import { Anchor, Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AssetQuality } from '../../../src-shared/api/inventory.js';
import { ASSET_FIELD_LABELS, type AssetFieldName } from '../../../src-shared/model/asset-fields.js';
import { LOW_QUALITY, QUALITY_WEIGHTS } from '../../lib/evidence.js';
import { SEVERITY_COLOR } from '../../lib/severity.js';

const percent = (value: number) => `${Math.round(value * 100)} %`;

function FieldList({ fields, onOpen }: { fields: readonly AssetFieldName[]; onOpen?: (field: AssetFieldName) => void }) {
  return (
    <>
      {fields.map((field, index) => (
        <span key={field}>
          {index > 0 && ', '}
          {onOpen ? (
            <Anchor component="button" type="button" size="xs" onClick={() => onOpen(field)}>
              {ASSET_FIELD_LABELS[field]}
            </Anchor>
          ) : (
            ASSET_FIELD_LABELS[field]
          )}
        </span>
      ))}
    </>
  );
}

export function QualityPanel({ quality, onOpenField }: { quality: AssetQuality | undefined; onOpenField: (field: AssetFieldName) => void }) {
  if (!quality) {
    return (
      <Text size="sm" c="dimmed">
        Not scored yet: this record was written before reconciliation. A rebuild or the next import scores it.
      </Text>
    );
  }
  const low = quality.score < LOW_QUALITY;
  const parts = [
    {
      key: 'completeness',
      label: 'Completeness',
      value: quality.completeness,
      weight: QUALITY_WEIGHTS.completeness,
      detail:
        quality.missingFields.length === 0 ? (
          'every field the class needs is known'
        ) : (
          <>
            missing: <FieldList fields={quality.missingFields} />
          </>
        ),
    },
    {
      key: 'agreement',
      label: 'Agreement',
      value: quality.agreement,
      weight: QUALITY_WEIGHTS.agreement,
      detail:
        quality.disputedFields.length === 0 ? (
          'no source disagrees'
        ) : (
          <>
            disputed: <FieldList fields={quality.disputedFields} onOpen={onOpenField} />
          </>
        ),
    },
    { key: 'freshness', label: 'Freshness', value: quality.freshness, weight: null, detail: 'how recent the newest observation is (shown, not part of the score)' },
  ];
  return (
    <Stack gap={6} data-testid="quality-panel" data-score={quality.score}>
      <Group gap="xs" align="baseline">
        <Text size="xl" fw={700} className="fw-mono" data-testid="quality-score">
          {percent(quality.score)}
        </Text>
        {low && (
          <Badge size="sm" variant="light" color={SEVERITY_COLOR.warning} tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            Low
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          weighted mean of completeness and agreement
        </Text>
      </Group>
      <Table verticalSpacing={3} fz="xs">
        <Table.Tbody>
          {parts.map((part) => (
            <Table.Tr key={part.key} data-testid={`quality-${part.key}`} data-value={part.value} style={{ verticalAlign: 'top' }}>
              <Table.Td w={100}>
                <Text size="xs" fw={500}>
                  {part.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {part.weight === null ? 'not weighted' : `weight ${percent(part.weight)}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Progress value={part.value * 100} color="gray" size="sm" w={80} aria-label={`${part.label} ${percent(part.value)}`} />
                  <Text size="xs" className="fw-mono" w={40} ta="right">
                    {percent(part.value)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {part.detail}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
