// The asset's audit trail, newest first: when, who, what, and what changed (before → after).
import { Code, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../../../src-shared/api/audit.js';
import { formatTime } from '../../lib/format.js';

const MAX_VALUE_CHARS = 160;

function isTagList(value: unknown): value is { key: string; value: string }[] {
  return Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.key === 'string' && typeof item.value === 'string');
}

function short(value: unknown): string {
  if (value === undefined || value === null) return '∅';
  // Tag lists read as they are typed: key=value, comma-separated.
  const text = isTagList(value)
    ? value.length === 0
      ? '(none)'
      : value.map((t) => (t.value ? `${t.key}=${t.value}` : t.key)).join(', ')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One line per changed top-level key; whole values when the before/after are not objects. */
function describeChange(before: unknown, after: unknown): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => `${k}: ${short(before[k])} → ${short(after[k])}`);
  }
  if (before === null && after !== null) return [`set: ${short(after)}`];
  if (after === null && before !== null) return [`removed: ${short(before)}`];
  return before === null ? [] : [`${short(before)} → ${short(after)}`];
}

export function AuditHistory({ events, error }: { events: AuditEvent[] | null; error: string | null }) {
  if (error) return <Text size="sm" c="red">History could not be loaded: {error}</Text>;
  if (events === null) return <Text size="sm" c="dimmed">Loading history…</Text>;
  return (
    <div data-testid="audit-history">
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes recorded yet. Edits to fields, tags and lifecycle appear here.
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>When</Table.Th>
              <Table.Th w={110}>Who</Table.Th>
              <Table.Th w={180}>Action</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => (
              <Table.Tr key={event.id} data-testid="audit-entry" data-action={event.action} style={{ verticalAlign: "top" }}>
                <Table.Td className="fw-mono">{formatTime(event.at)}</Table.Td>
                <Table.Td>{event.actor}</Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {describeChange(event.before, event.after).map((line) => (
                      <Text key={line} size="xs" className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
                        {line}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
