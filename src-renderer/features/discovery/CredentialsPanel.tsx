// Credential sets by name: kind, v3 user, whether each secret can be read from the keychain (checked
// with `discovery.credentials.check`, never returning the secret), which scopes use the set; create,
// edit, delete (refused by main while a scope uses it, with the scopes named).
import { RowAction } from '../../components/RowAction.js';
import { Button, Code, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { IconEdit, IconKey, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CREDENTIAL_SET_KIND_LABELS, type CredentialSecretSlotName, type CredentialSet } from '../../../src-shared/api/discovery.js';
import { ConfirmDeleteModal } from '../../components/ConfirmDeleteModal.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { CredentialFormModal } from './CredentialFormModal.js';
import { SecretStatusBadge } from './SecretStatusBadge.js';

const SLOT_LABELS: Record<CredentialSecretSlotName, string> = {
  community: 'community',
  auth_key: 'auth password',
  priv_key: 'privacy password',
  password: 'password',
  certificate: 'certificate',
  private_key: 'private key',
};

function SecretsCell({ credential }: { credential: CredentialSet }) {
  const check = useAppStore((s) => s.discovery.checks[credential.id]);
  if (!check || (check.loading && !check.data)) return <SecretStatusBadge status="checking" />;
  if (check.error) return <Text size="xs">{check.error}</Text>;
  const secrets = check.data?.secrets ?? [];
  if (secrets.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No secret (noAuthNoPriv)
      </Text>
    );
  return (
    <Stack gap={2}>
      {secrets.map((secret) => (
        <Group key={secret.slot} gap={6} wrap="nowrap">
          <SecretStatusBadge status={secret.status} />
          <Text size="xs" c="dimmed">
            {SLOT_LABELS[secret.slot]}
          </Text>
        </Group>
      ))}
      {check.data?.message && secrets.some((s) => s.status !== 'stored') && (
        <Text size="xs" maw={360}>
          {check.data.message}
        </Text>
      )}
    </Stack>
  );
}

export function CredentialsPanel() {
  const store = useAppStoreApi();
  const credentials = useAppStore((s) => s.discovery.credentials);
  const error = useAppStore((s) => s.discovery.credentialsError);
  const [editing, setEditing] = useState<CredentialSet | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CredentialSet | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          SNMP communities and v3 users, OPC UA users and client certificates (Modbus and BACnet have none). Secrets live in the OS keychain; this list shows only names and whether each secret is readable.
        </Text>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void store.getState().loadCredentials()}>
            Check again
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="credential-new">
            New credential set
          </Button>
        </Group>
      </Group>
      {error && <ErrorNotice title="The credential sets could not be loaded" message={error} onRetry={() => void store.getState().loadCredentials()} />}
      {credentials && credentials.length === 0 && (
        <EmptyState
          icon={<IconKey size={32} />}
          withIndicatorBackground
          title="No credential sets yet"
          description={
            <Text size="sm">
              Add the read-only community or SNMPv3 user your devices accept, or from a terminal: <Code>fieldwise credentials add core-ro --kind v2c</Code>.
            </Text>
          }
        />
      )}
      {credentials && credentials.length > 0 && (
        <Table withTableBorder highlightOnHover verticalSpacing={6} fz="sm" data-testid="credentials-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Secrets</Table.Th>
              <Table.Th>Used by</Table.Th>
              <Table.Th w={90} ta="right">
                Actions
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {credentials.map((credential) => (
              <Table.Tr key={credential.id} data-testid="credential-row" data-credential-name={credential.name} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {credential.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{CREDENTIAL_SET_KIND_LABELS[credential.kind]}</Text>
                  {credential.kind === 'snmp_v3' && (
                    <Text size="xs" c="dimmed">
                      user {credential.settings.user} · {credential.settings.level}
                      {credential.settings.authProtocol ? ` · ${credential.settings.authProtocol.toUpperCase()}` : ''}
                      {credential.settings.privProtocol ? `/${credential.settings.privProtocol.toUpperCase()}` : ''}
                    </Text>
                  )}
                  {credential.kind === 'opcua_user' && (
                    <Text size="xs" c="dimmed">
                      user {credential.settings.userName}
                    </Text>
                  )}
                  {credential.kind === 'opcua_certificate' && (
                    <Text size="xs" c="dimmed">
                      {credential.settings.certificatePem ? 'certificate kept with the set' : 'certificate in the keychain'}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <SecretsCell credential={credential} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c={credential.usedBy.length === 0 ? 'dimmed' : undefined}>
                    {credential.usedBy.length === 0 ? 'No scope' : credential.usedBy.map((u) => u.scopeName).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <RowAction
                      label="Edit, or replace a secret"
                      ariaLabel={`Edit ${credential.name}`}
                      onClick={() => setEditing(credential)}
                      testId="credential-edit"
                    >
                      <IconEdit size={16} />
                    </RowAction>
                    <RowAction
                      label="Delete credential set"
                      ariaLabel={`Delete ${credential.name}`}
                      onClick={() => setDeleting(credential)}
                      testId="credential-delete"
                    >
                      <IconTrash size={16} />
                    </RowAction>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <CredentialFormModal credential={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDeleteModal
          opened
          title={`Delete credential set “${deleting.name}”?`}
          confirmLabel="Delete credential set"
          onConfirm={() => store.getState().deleteCredential(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          {deleting.usedBy.length > 0 ? (
            <>It is used by {deleting.usedBy.map((u) => `“${u.scopeName}”`).join(', ')}: remove it from those scopes first, or the deletion is refused.</>
          ) : (
            <>
              The set is removed, and the secrets Fieldwise stored for it are deleted from the keychain (secrets it adopted by reference stay). Past run reports
              keep its name. The change is recorded in the audit log.
            </>
          )}
        </ConfirmDeleteModal>
      )}
    </Stack>
  );
}
