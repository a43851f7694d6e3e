// OPC UA server certificates met by discovery: subject, thumbprint, application URI and validity,
// with Trust / Reject for the pending ones (and a change of mind for decided ones). A server whose
// certificate is pending shows "Certificate not trusted yet" in its run; after Trust the next run
// connects. Nothing is ever trusted without this click (or `fieldwise opcua certificates trust`).
import { Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconCertificate, IconCheck, IconRefresh, IconX } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { OpcuaCertificate } from '../../../src-shared/api/opcua-certificates.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const STATE_COLOR = { pending: 'yellow', trusted: 'green', rejected: 'red' } as const;

function validity(c: OpcuaCertificate): string {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '?');
  const expired = c.validTo !== null && new Date(c.validTo).getTime() < Date.now();
  return `${day(c.validFrom)} – ${day(c.validTo)}${expired ? ' (expired)' : ''}`;
}

function groupThumbprint(thumbprint: string): string {
  return thumbprint.match(/.{1,4}/g)?.join(' ') ?? thumbprint;
}

export function OpcuaCertificates() {
  const store = useAppStoreApi();
  const { list, error, busy } = useAppStore((s) => s.opcuaCertificates);
  useEffect(() => {
    void store.getState().loadOpcuaCertificates();
  }, [store]);
  const decide = (thumbprint: string, decision: 'trust' | 'reject') => void store.getState().decideOpcuaCertificate(thumbprint, decision);

  return (
    <Stack gap="sm" data-testid="opcua-certificates">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={4}>OPC UA server certificates</Title>
          <Text size="sm" c="dimmed">
            A signed or encrypted OPC UA connection starts only with a server certificate you trusted. Compare the thumbprint with the one shown on the server
            before trusting it.
          </Text>
        </Stack>
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void store.getState().loadOpcuaCertificates()}>
          Refresh
        </Button>
      </Group>
      {error && <ErrorNotice title="OPC UA certificates" message={error} onRetry={() => void store.getState().loadOpcuaCertificates()} />}
      {list && list.length === 0 && (
        <Group gap="xs">
          <IconCertificate size={16} aria-hidden />
          <Text size="sm" c="dimmed">
            None yet: an OPC UA discovery run lists here the server certificates it meets. From a terminal: <Code>fieldwise opcua certificates list</Code>.
          </Text>
        </Group>
      )}
      {list && list.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>State</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Thumbprint (SHA-1)</Table.Th>
              <Table.Th>Valid</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={`${c.state}:${c.thumbprint}`} data-testid={`opcua-certificate-${c.thumbprint}`}>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATE_COLOR[c.state]}>
                    {c.state === 'pending' ? 'Not trusted yet' : c.state === 'trusted' ? 'Trusted' : 'Rejected'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.subject}</Text>
                  {c.applicationUri && (
                    <Text size="xs" c="dimmed">
                      {c.applicationUri}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code>{groupThumbprint(c.thumbprint)}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{validity(c)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    {c.state !== 'trusted' && (
                      <Button
                        size="xs"
                        leftSection={<IconCheck size={14} aria-hidden />}
                        loading={busy === c.thumbprint}
                        onClick={() => decide(c.thumbprint, 'trust')}
                      >
                        Trust
                      </Button>
                    )}
                    {c.state !== 'rejected' && (
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        leftSection={<IconX size={14} aria-hidden />}
                        loading={busy === c.thumbprint}
                        onClick={() => decide(c.thumbprint, 'reject')}
                      >
                        Reject
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
