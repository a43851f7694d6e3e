// The credential sets of a scope, in the order they are tried: add from the list, move up or down
// (buttons or Alt+↑/↓ on a focused row), remove. The set that last worked for a device is tried first
// anyway; the order decides what a new device sees.
import { ActionIcon, Badge, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { CREDENTIAL_SET_KIND_LABELS, type CredentialSet } from '../../../src-shared/api/discovery.js';
import { moveItem } from '../../lib/discovery-input.js';

export function CredentialOrder({
  available,
  value,
  onChange,
  emptyNote = 'None yet. A scope without a credential set cannot run: add one below (create sets under “Credential sets”).',
}: {
  available: readonly CredentialSet[];
  value: string[];
  onChange: (ids: string[]) => void;
  /** What an empty list means for this protocol. */
  emptyNote?: string;
}) {
  const byId = new Map(available.map((c) => [c.id, c]));
  const unused = available.filter((c) => !value.includes(c.id));
  return (
    <Stack gap={4} data-testid="credential-order">
      <Text size="sm" fw={500}>
        Credential sets, in the order they are tried
      </Text>
      {value.length === 0 && (
        <Text size="xs" c="dimmed">
          {emptyNote}
        </Text>
      )}
      {value.map((id, index) => {
        const credential = byId.get(id);
        const name = credential?.name ?? 'Unknown credential set';
        return (
          <Paper
            key={id}
            withBorder
            px="xs"
            py={4}
            tabIndex={0}
            aria-label={`${index + 1}. ${name}. Alt+Up or Alt+Down to move.`}
            onKeyDown={(event) => {
              if (!event.altKey) return;
              if (event.key === 'ArrowUp') {
                event.preventDefault();
                onChange(moveItem(value, index, -1));
              } else if (event.key === 'ArrowDown') {
                event.preventDefault();
                onChange(moveItem(value, index, 1));
              }
            }}
            data-testid="credential-order-item"
          >
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed" w={16} ta="right">
                  {index + 1}.
                </Text>
                <Text size="sm">{name}</Text>
                {credential && (
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    {CREDENTIAL_SET_KIND_LABELS[credential.kind]}
                  </Badge>
                )}
              </Group>
              <Group gap={2} wrap="nowrap">
                <Tooltip label="Try earlier">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={index === 0}
                    onClick={() => onChange(moveItem(value, index, -1))}
                    aria-label={`Move ${name} up`}
                  >
                    <IconArrowUp size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Try later">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={index === value.length - 1}
                    onClick={() => onChange(moveItem(value, index, 1))}
                    aria-label={`Move ${name} down`}
                  >
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Remove from this scope">
                  <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => onChange(value.filter((v) => v !== id))} aria-label={`Remove ${name}`}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          </Paper>
        );
      })}
      <Select
        placeholder={
          available.length === 0
            ? 'No credential set for this protocol yet (see “Credential sets”)'
            : unused.length === 0
              ? 'Every credential set is in the list'
              : 'Add a credential set…'
        }
        data={unused.map((c) => ({ value: c.id, label: `${c.name} (${CREDENTIAL_SET_KIND_LABELS[c.kind]})` }))}
        value={null}
        onChange={(id) => id && onChange([...value, id])}
        disabled={unused.length === 0}
        searchable
        aria-label="Add a credential set"
        data-testid="credential-add"
      />
    </Stack>
  );
}
