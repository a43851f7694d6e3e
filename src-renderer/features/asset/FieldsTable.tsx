// Every field of the asset with its winning value and where it came from: source (name and kind),
// confidence (how many independent sources agree) and when it was last seen, with its freshness once it ages. A field that other sources also reported expands to show what each of them
// said (agrees / differs); a field held by a manual value lists later, different values from the
// sources as suggestions, each of which can be accepted (it becomes the manual value).
import { ActionIcon, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowsDiff, IconBulb, IconCheck, IconChevronDown, IconChevronRight, IconEqual } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { FieldAlternative, FieldProvenance } from '../../../src-shared/api/inventory.js';
import { ASSET_FIELD_LABELS, ASSET_FIELD_NAMES, type AssetFieldName, type FieldValue } from '../../../src-shared/model/asset-fields.js';
import { SOURCE_KIND_LABELS } from '../../../src-shared/model/source-kinds.js';
import { formatConfidence, formatFieldValue, formatTime } from '../../lib/format.js';
import { SEVERITY_COLOR } from '../../lib/severity.js';

interface FieldRow {
  winner: FieldProvenance;
  competing: FieldAlternative[];
  suggestions: FieldAlternative[];
}

/** One row per field; older records (before reconciliation) list other sources as extra entries instead. */
function rowsOf(fields: readonly FieldProvenance[]): FieldRow[] {
  const groups = new Map<string, FieldProvenance[]>();
  for (const entry of fields) groups.set(entry.field, [...(groups.get(entry.field) ?? []), entry]);
  const order = (field: string) => (ASSET_FIELD_NAMES as readonly string[]).indexOf(field);
  return [...groups.values()]
    .sort((a, b) => order(a[0]!.field) - order(b[0]!.field))
    .map(([winner, ...others]) => ({
      winner: winner!,
      competing:
        winner!.competing ??
        others.map((o) => ({ value: o.value, sourceId: o.sourceId, sourceName: o.sourceName, sourceKind: o.sourceKind, observationId: o.observationId, confidence: o.confidence, observedAt: o.observedAt, agreesWithGolden: o.value === winner!.value })),
      suggestions: winner!.suggestions ?? [],
    }));
}

function SourceCell({ name, kind }: { name: string; kind: FieldProvenance['sourceKind'] }) {
  return (
    <Stack gap={0}>
      <Text size="sm" data-testid="provenance-source">
        {name}
      </Text>
      <Text size="xs" c="dimmed" data-testid="provenance-kind">
        {SOURCE_KIND_LABELS[kind]}
      </Text>
    </Stack>
  );
}

function AlternativeRow({ alt, suggestion, onAccept }: { alt: FieldAlternative; suggestion: boolean; onAccept?: () => void }) {
  return (
    <Table.Tr data-testid={suggestion ? 'field-suggestion' : 'field-competing'} data-agrees={alt.agreesWithGolden} style={{ verticalAlign: 'top' }}>
      <Table.Td />
      <Table.Td>
        <Group gap={6} wrap="nowrap" align="flex-start">
          {suggestion ? (
            <Badge size="xs" variant="light" color={SEVERITY_COLOR.info} tt="none" leftSection={<IconBulb size={10} aria-hidden />}>
              Suggestion
            </Badge>
          ) : alt.agreesWithGolden ? (
            <Badge size="xs" variant="outline" color="gray" tt="none" leftSection={<IconEqual size={10} aria-hidden />}>
              Agrees
            </Badge>
          ) : (
            <Badge size="xs" variant="outline" color="gray" tt="none" leftSection={<IconArrowsDiff size={10} aria-hidden />}>
              Differs
            </Badge>
          )}
          <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid="alternative-value">
            {formatFieldValue(alt.value)}
          </Text>
          {onAccept && (
            <Button size="compact-xs" variant="default" leftSection={<IconCheck size={12} aria-hidden />} onClick={onAccept} data-testid="suggestion-accept">
              Accept suggestion
            </Button>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <SourceCell name={alt.sourceName} kind={alt.sourceKind} />
      </Table.Td>
      <Table.Td ta="right" className="fw-mono">
        {formatConfidence(alt.confidence)}
      </Table.Td>
      <Table.Td className="fw-mono" style={{ whiteSpace: 'nowrap' }}>
        {formatTime(alt.observedAt)}
      </Table.Td>
    </Table.Tr>
  );
}

export interface FieldsTableProps {
  fields: readonly FieldProvenance[];
  /** Fields whose other values are shown; owned by the page so the quality panel can open one. */
  expanded: ReadonlySet<AssetFieldName>;
  onToggle: (field: AssetFieldName) => void;
  /** Makes a suggestion the manual value; resolves with an error message or null. */
  onAcceptSuggestion?: (field: AssetFieldName, value: FieldValue) => Promise<string | null>;
}

export function FieldsTable({ fields, expanded, onToggle, onAcceptSuggestion }: FieldsTableProps) {
  const [acceptError, setAcceptError] = useState<string | null>(null);
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field values recorded for this asset yet. Use “Edit fields” to enter them by hand.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {acceptError && (
        <Text size="sm" c="red" role="alert">
          The suggestion was not accepted: {acceptError}
        </Text>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table highlightOnHover withTableBorder verticalSpacing={4} fz="sm" data-testid="fields-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>Field</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th w={170}>Source</Table.Th>
              <Table.Th w={90} ta="right">
                Confidence
              </Table.Th>
              <Table.Th w={140}>Last seen</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rowsOf(fields).map(({ winner, competing, suggestions }) => {
              const others = competing.length + suggestions.length;
              const isOpen = expanded.has(winner.field);
              const differing = competing.filter((c) => !c.agreesWithGolden).length;
              return (
                <Fragment key={winner.field}>
                  <Table.Tr data-testid={`provenance-${winner.field}`} data-expanded={isOpen} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        {others > 0 ? (
                          <ActionIcon
                            size="xs"
                            variant="subtle"
                            color="gray"
                            aria-expanded={isOpen}
                            aria-label={`${isOpen ? 'Hide' : 'Show'} what other sources said about ${ASSET_FIELD_LABELS[winner.field]}`}
                            onClick={() => onToggle(winner.field)}
                            data-testid="provenance-toggle"
                          >
                            {isOpen ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
                          </ActionIcon>
                        ) : (
                          <span style={{ width: 18, flex: 'none' }} />
                        )}
                        <Text size="sm" fw={500}>
                          {ASSET_FIELD_LABELS[winner.field]}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                        <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid="provenance-value">
                          {formatFieldValue(winner.value)}
                        </Text>
                        <Group gap={4} wrap="nowrap">
                          {differing > 0 && (
                            <Badge size="xs" variant="outline" color="gray" tt="none" leftSection={<IconArrowsDiff size={10} aria-hidden />} data-testid="provenance-disputed">
                              {differing} differ{differing === 1 ? 's' : ''}
                            </Badge>
                          )}
                          {suggestions.length > 0 && (
                            <Badge size="xs" variant="light" color={SEVERITY_COLOR.info} tt="none" leftSection={<IconBulb size={10} aria-hidden />}>
                              {suggestions.length} suggestion{suggestions.length === 1 ? '' : 's'}
                            </Badge>
                          )}
                        </Group>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <SourceCell name={winner.sourceName} kind={winner.sourceKind} />
                      {(winner.agreeingSources ?? 1) > 1 && (
                        <Text size="xs" c="dimmed" data-testid="provenance-agreeing">
                          and {(winner.agreeingSources ?? 1) - 1} more source{(winner.agreeingSources ?? 1) > 2 ? 's' : ''} agree
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className="fw-mono">
                      {formatConfidence(winner.confidence)}
                    </Table.Td>
                    <Table.Td className="fw-mono" style={{ whiteSpace: 'nowrap' }}>
                      {formatTime(winner.lastSeen ?? winner.observedAt)}
                      {winner.freshness !== undefined && winner.freshness < 1 && (
                        <Text size="xs" c="dimmed" data-testid="provenance-freshness" title="Freshness halves every 30 days after the first week without a sighting; it does not change the confidence.">
                          freshness {formatConfidence(winner.freshness)}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {isOpen &&
                    suggestions.map((alt) => (
                      <AlternativeRow
                        key={`s-${alt.sourceId}-${alt.observedAt}`}
                        alt={alt}
                        suggestion
                        onAccept={
                          onAcceptSuggestion
                            ? () => {
                                setAcceptError(null);
                                void onAcceptSuggestion(winner.field, alt.value).then(setAcceptError);
                              }
                            : undefined
                        }
                      />
                    ))}
                  {isOpen && competing.map((alt) => <AlternativeRow key={`c-${alt.sourceId}-${alt.observedAt}`} alt={alt} suggestion={false} />)}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
