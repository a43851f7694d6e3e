// Create or edit a credential set of any kind: an SNMPv1/v2c community, an SNMPv3 user, an OPC UA
// user name and password, or an OPC UA client certificate and its key. Secrets are typed into
// password fields (a private key is read from a file), sent once on save (to be written to the OS
// keychain by main) and never shown again: main never returns them. Editing a set leaves a secret
// unchanged unless something is typed into its field.
import { Alert, Button, Code, Collapse, Grid, Group, Modal, PasswordInput, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import {
  CREDENTIAL_SET_KIND_LABELS,
  CREDENTIAL_SET_KINDS,
  OPCUA_CREDENTIAL_KINDS,
  SNMP_CREDENTIAL_KINDS,
  SNMP_V3_AUTH_PROTOCOLS,
  SNMP_V3_LEVELS,
  SNMP_V3_PRIV_PROTOCOLS,
  type CredentialSet,
  type CredentialSetKind,
} from '../../../src-shared/api/discovery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAppStoreApi } from '../../store/use-app-store.js';
import { CERTIFICATE_PEM, OpcuaCredentialFields, PRIVATE_KEY_PEM, type OpcuaCredentialValues } from './OpcuaCredentialFields.js';

type Level = (typeof SNMP_V3_LEVELS)[number];
type AuthProtocol = (typeof SNMP_V3_AUTH_PROTOCOLS)[number];
type PrivProtocol = (typeof SNMP_V3_PRIV_PROTOCOLS)[number];

const LEVEL_LABELS: Record<Level, string> = {
  noAuthNoPriv: 'No authentication, no privacy',
  authNoPriv: 'Authentication, no privacy',
  authPriv: 'Authentication and privacy (recommended)',
};

function pick<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return list.find((v) => v === value) ?? fallback;
}

export function CredentialFormModal({ credential, onClose }: { credential: CredentialSet | null; onClose: () => void }) {
  const store = useAppStoreApi();
  const editing = credential !== null;
  const hasSecret = (slot: CredentialSet['secrets'][number]['slot']) => credential?.secrets.some((s) => s.slot === slot) ?? false;
  const [name, setName] = useState(credential?.name ?? '');
  const [kind, setKind] = useState<CredentialSetKind>(credential?.kind ?? 'snmp_v2c');
  const [opcua, setOpcua] = useState<OpcuaCredentialValues>({
    userName: credential?.kind === 'opcua_user' ? credential.settings.userName : '',
    password: '',
    certificatePem: credential?.kind === 'opcua_certificate' ? (credential.settings.certificatePem ?? '') : '',
    privateKey: '',
  });
  const [passwordRef, setPasswordRef] = useState('');
  const [privateKeyRef, setPrivateKeyRef] = useState('');
  const [community, setCommunity] = useState('');
  const v3Settings = credential?.kind === 'snmp_v3' ? credential.settings : null;
  const [user, setUser] = useState(v3Settings?.user ?? '');
  const [level, setLevel] = useState<Level>(v3Settings?.level ?? 'authPriv');
  const [authProtocol, setAuthProtocol] = useState<AuthProtocol>(v3Settings?.authProtocol ?? 'sha256');
  const [privProtocol, setPrivProtocol] = useState<PrivProtocol>(v3Settings?.privProtocol ?? 'aes');
  const [context, setContext] = useState(v3Settings?.context ?? '');
  const [authKey, setAuthKey] = useState('');
  const [privKey, setPrivKey] = useState('');
  const [showRefs, setShowRefs] = useState(false);
  const [communityRef, setCommunityRef] = useState('');
  const [authKeyRef, setAuthKeyRef] = useState('');
  const [privKeyRef, setPrivKeyRef] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const isCommunity = kind === 'snmp_v1' || kind === 'snmp_v2c';
  const isV3 = kind === 'snmp_v3';
  const needsAuth = isV3 && level !== 'noAuthNoPriv';
  const needsPriv = isV3 && level === 'authPriv';
  const secretHint = (present: boolean) => (editing && present ? 'Stored in the keychain. Leave empty to keep it; type to replace it.' : undefined);
  const problems = {
    name: name.trim() === '' ? 'Give the set a name, e.g. “core-ro” or “plant-a-v3”.' : null,
    community: isCommunity && !community && !communityRef.trim() && !hasSecret('community') ? 'Type the community string (it goes to the keychain).' : null,
    user: isV3 && user.trim() === '' ? 'Give the SNMPv3 user name.' : null,
    authKey: needsAuth && !authKey && !authKeyRef.trim() && !hasSecret('auth_key') ? 'Type the authentication password.' : null,
    privKey: needsPriv && !privKey && !privKeyRef.trim() && !hasSecret('priv_key') ? 'Type the privacy password.' : null,
    userName: kind === 'opcua_user' && opcua.userName.trim() === '' ? 'Give the OPC UA user name.' : null,
    password: kind === 'opcua_user' && !opcua.password && !passwordRef.trim() && !hasSecret('password') ? 'Type the password (it goes to the keychain).' : null,
    certificatePem:
      kind === 'opcua_certificate' && !CERTIFICATE_PEM.test(opcua.certificatePem) && !hasSecret('certificate')
        ? 'Paste the client certificate in PEM form (-----BEGIN CERTIFICATE----- …), or load it from a file.'
        : null,
    privateKey:
      kind === 'opcua_certificate' && (opcua.privateKey ? !PRIVATE_KEY_PEM.test(opcua.privateKey) : !privateKeyRef.trim() && !hasSecret('private_key'))
        ? opcua.privateKey
          ? 'That file holds no private key in PEM form (-----BEGIN PRIVATE KEY----- …).'
          : 'Choose the private key file of the certificate (it goes to the keychain).'
        : null,
  };
  const invalid = Object.values(problems).some((p) => p !== null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    setSaving(true);
    setError(null);
    // Only what was typed travels: an empty secret field means "unchanged".
    const secrets = {
      ...(isCommunity && community ? { community } : {}),
      ...(isCommunity && !community && communityRef.trim() ? { communityRef: communityRef.trim() } : {}),
      ...(needsAuth && authKey ? { authKey } : {}),
      ...(needsAuth && !authKey && authKeyRef.trim() ? { authKeyRef: authKeyRef.trim() } : {}),
      ...(needsPriv && privKey ? { privKey } : {}),
      ...(needsPriv && !privKey && privKeyRef.trim() ? { privKeyRef: privKeyRef.trim() } : {}),
      ...(kind === 'opcua_user' && opcua.password ? { password: opcua.password } : {}),
      ...(kind === 'opcua_user' && !opcua.password && passwordRef.trim() ? { passwordRef: passwordRef.trim() } : {}),
      ...(kind === 'opcua_certificate' && opcua.privateKey ? { privateKey: opcua.privateKey } : {}),
      ...(kind === 'opcua_certificate' && !opcua.privateKey && privateKeyRef.trim() ? { privateKeyRef: privateKeyRef.trim() } : {}),
    };
    const opcuaSettings =
      kind === 'opcua_user'
        ? { userName: opcua.userName.trim() }
        : kind === 'opcua_certificate'
          ? { certificatePem: CERTIFICATE_PEM.test(opcua.certificatePem) ? opcua.certificatePem.trim() : null }
          : undefined;
    const v3 = isV3
      ? {
          user: user.trim(),
          level,
          authProtocol: needsAuth ? authProtocol : null,
          privProtocol: needsPriv ? privProtocol : null,
          context: context.trim() || null,
        }
      : undefined;
    const result = await store
      .getState()
      .saveCredential(
        credential
          ? { id: credential.id, name: name.trim(), ...(v3 ? { settings: v3 } : opcuaSettings ? { settings: opcuaSettings } : {}), ...secrets }
          : v3
            ? { name: name.trim(), kind: 'snmp_v3', settings: v3, ...secrets }
            : kind === 'opcua_user'
              ? { name: name.trim(), kind, settings: { userName: opcua.userName.trim() }, ...secrets }
              : kind === 'opcua_certificate'
                ? { name: name.trim(), kind, settings: { certificatePem: opcua.certificatePem.trim() || null }, ...secrets }
                : { name: name.trim(), kind: kind === 'snmp_v1' ? 'snmp_v1' : 'snmp_v2c', ...secrets },
      );
    setSaving(false);
    if (result.error !== undefined) setError(result.error);
    else onClose();
  }

  return (
    <Modal opened onClose={onClose} title={editing ? `Edit credential set “${credential.name}”` : 'New credential set'} size="lg" data-testid="credential-form">
      <form onSubmit={save} noValidate autoComplete="off">
        <Stack gap="sm">
          <Alert variant="light" color="gray" icon={<IconLock aria-hidden />} p="xs">
            Secrets are stored in the operating system's keychain (service <Code>fieldwise</Code>), not in the database. They are sent once when you save and
            are never shown again; logs, exports and the audit trail hold only a reference.
          </Alert>
          <Grid gap="sm">
            <Grid.Col span={7}>
              <TextInput
                label="Name"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={touched && problems.name}
                data-testid="credential-name"
              />
            </Grid.Col>
            <Grid.Col span={5}>
              <Select
                label="Kind"
                data={[
                  { group: 'SNMP', items: SNMP_CREDENTIAL_KINDS.map((k) => ({ value: k, label: CREDENTIAL_SET_KIND_LABELS[k] })) },
                  { group: 'OPC UA', items: OPCUA_CREDENTIAL_KINDS.map((k) => ({ value: k, label: CREDENTIAL_SET_KIND_LABELS[k] })) },
                ]}
                value={kind}
                onChange={(v) => setKind(pick(CREDENTIAL_SET_KINDS, v, 'snmp_v2c'))}
                allowDeselect={false}
                disabled={editing}
                description={editing ? 'Fixed once created' : undefined}
                data-testid="credential-kind"
              />
            </Grid.Col>
          </Grid>
          {isCommunity && (
            <PasswordInput
              label="Community"
              required={!hasSecret('community')}
              description={secretHint(hasSecret('community')) ?? 'Read-only community; Fieldwise only reads.'}
              value={community}
              onChange={(e) => setCommunity(e.currentTarget.value)}
              error={touched && problems.community}
              autoComplete="new-password"
              data-testid="credential-community"
            />
          )}
          {isV3 && (
            <Grid gap="sm">
              <Grid.Col span={6}>
                <TextInput
                  label="User"
                  required
                  value={user}
                  onChange={(e) => setUser(e.currentTarget.value)}
                  error={touched && problems.user}
                  data-testid="credential-user"
                />
              </Grid.Col>
              <Grid.Col span={6}>
                <Select
                  label="Security level"
                  data={SNMP_V3_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
                  value={level}
                  onChange={(v) => setLevel(pick(SNMP_V3_LEVELS, v, 'authPriv'))}
                  allowDeselect={false}
                />
              </Grid.Col>
              {needsAuth && (
                <>
                  <Grid.Col span={4}>
                    <Select
                      label="Auth protocol"
                      data={SNMP_V3_AUTH_PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
                      value={authProtocol}
                      onChange={(v) => setAuthProtocol(pick(SNMP_V3_AUTH_PROTOCOLS, v, 'sha256'))}
                      allowDeselect={false}
                    />
                  </Grid.Col>
                  <Grid.Col span={8}>
                    <PasswordInput
                      label="Auth password"
                      description={secretHint(hasSecret('auth_key'))}
                      value={authKey}
                      onChange={(e) => setAuthKey(e.currentTarget.value)}
                      error={touched && problems.authKey}
                      autoComplete="new-password"
                      data-testid="credential-auth-key"
                    />
                  </Grid.Col>
                </>
              )}
              {needsPriv && (
                <>
                  <Grid.Col span={4}>
                    <Select
                      label="Privacy protocol"
                      data={SNMP_V3_PRIV_PROTOCOLS.map((p) => ({ value: p, label: p === 'des' ? 'DES (old devices only)' : p.toUpperCase() }))}
                      value={privProtocol}
                      onChange={(v) => setPrivProtocol(pick(SNMP_V3_PRIV_PROTOCOLS, v, 'aes'))}
                      allowDeselect={false}
                    />
                  </Grid.Col>
                  <Grid.Col span={8}>
                    <PasswordInput
                      label="Privacy password"
                      description={secretHint(hasSecret('priv_key'))}
                      value={privKey}
                      onChange={(e) => setPrivKey(e.currentTarget.value)}
                      error={touched && problems.privKey}
                      autoComplete="new-password"
                      data-testid="credential-priv-key"
                    />
                  </Grid.Col>
                </>
              )}
              <Grid.Col span={6}>
                <TextInput label="Context (optional)" value={context} onChange={(e) => setContext(e.currentTarget.value)} />
              </Grid.Col>
            </Grid>
          )}
          {(kind === 'opcua_user' || kind === 'opcua_certificate') && (
            <OpcuaCredentialFields
              kind={kind}
              values={opcua}
              problems={
                touched
                  ? { userName: problems.userName, password: problems.password, certificatePem: problems.certificatePem, privateKey: problems.privateKey }
                  : {}
              }
              secretHint={(slot) => secretHint(hasSecret(slot))}
              onChange={(patch) => setOpcua((v) => ({ ...v, ...patch }))}
            />
          )}
          <UnstyledButton onClick={() => setShowRefs((v) => !v)} aria-expanded={showRefs}>
            <Group gap={4}>
              {showRefs ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              <Text size="xs">Use a secret that is already in the keychain</Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={showRefs}>
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                Give the keychain reference (an identifier such as <Code>snmp/plant-ro</Code>, never the secret). A secret adopted this way is not deleted with
                the set.
              </Text>
              {kind === 'opcua_user' && (
                <TextInput
                  label="Password reference"
                  classNames={{ input: 'fw-mono' }}
                  value={passwordRef}
                  onChange={(e) => setPasswordRef(e.currentTarget.value)}
                />
              )}
              {kind === 'opcua_certificate' && (
                <TextInput
                  label="Private key reference"
                  classNames={{ input: 'fw-mono' }}
                  value={privateKeyRef}
                  onChange={(e) => setPrivateKeyRef(e.currentTarget.value)}
                />
              )}
              {isCommunity && (
                <TextInput
                  label="Community reference"
                  classNames={{ input: 'fw-mono' }}
                  value={communityRef}
                  onChange={(e) => setCommunityRef(e.currentTarget.value)}
                />
              )}
              {needsAuth && (
                <TextInput
                  label="Auth password reference"
                  classNames={{ input: 'fw-mono' }}
                  value={authKeyRef}
                  onChange={(e) => setAuthKeyRef(e.currentTarget.value)}
                />
              )}
              {needsPriv && (
                <TextInput
                  label="Privacy password reference"
                  classNames={{ input: 'fw-mono' }}
                  value={privKeyRef}
                  onChange={(e) => setPrivKeyRef(e.currentTarget.value)}
                />
              )}
            </Stack>
          </Collapse>
          {error && <ErrorNotice title="The credential set was not saved" message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={saving} data-testid="credential-save">
              {editing ? 'Save credential set' : 'Create credential set'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
