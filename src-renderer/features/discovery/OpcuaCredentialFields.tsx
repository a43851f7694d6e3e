// The fields of an OPC UA credential set: a user name and password, or a client certificate (PEM,
// public: kept with the set) and its private key (a secret: read from a file, sent once to the OS
// keychain and never shown). Editing leaves a secret unchanged unless a new one is given.
import { Code, FileButton, Grid, Group, PasswordInput, Button, Text, Textarea, TextInput } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';

export interface OpcuaCredentialValues {
  userName: string;
  password: string;
  certificatePem: string;
  privateKey: string;
}

export interface OpcuaCredentialProblems {
  userName?: string | null;
  password?: string | null;
  certificatePem?: string | null;
  privateKey?: string | null;
}

export interface OpcuaCredentialFieldsProps {
  kind: 'opcua_user' | 'opcua_certificate';
  values: OpcuaCredentialValues;
  problems: OpcuaCredentialProblems;
  /** Hint under a secret already in the keychain (editing). */
  secretHint: (slot: 'password' | 'private_key') => string | undefined;
  onChange: (patch: Partial<OpcuaCredentialValues>) => void;
}

export const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
export const PRIVATE_KEY_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/;

export function OpcuaCredentialFields({ kind, values, problems, secretHint, onChange }: OpcuaCredentialFieldsProps) {
  const [keyFile, setKeyFile] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  async function load(file: File | null, into: 'certificatePem' | 'privateKey') {
    if (!file) return;
    setReadError(null);
    try {
      const text = await file.text();
      onChange({ [into]: text });
      if (into === 'privateKey') setKeyFile(file.name);
    } catch (error) {
      setReadError(`“${file.name}” could not be read: ${(error as Error).message}`);
    }
  }

  if (kind === 'opcua_user') {
    return (
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput
            label="User name"
            required
            value={values.userName}
            onChange={(e) => onChange({ userName: e.currentTarget.value })}
            error={problems.userName}
            data-testid="credential-opcua-user"
          />
        </Grid.Col>
        <Grid.Col span={6}>
          <PasswordInput
            label="Password"
            description={secretHint('password') ?? 'Sent to the server only over an encrypted channel or as the server’s policy requires.'}
            value={values.password}
            onChange={(e) => onChange({ password: e.currentTarget.value })}
            error={problems.password}
            autoComplete="new-password"
            data-testid="credential-opcua-password"
          />
        </Grid.Col>
      </Grid>
    );
  }
  return (
    <Grid gap="sm">
      <Grid.Col span={12}>
        <Textarea
          label={
            <Group gap="xs" component="span">
              Client certificate (PEM)
              <FileButton onChange={(file) => void load(file, 'certificatePem')} accept=".pem,.crt,.cer,text/plain">
                {(props) => (
                  <Button {...props} size="compact-xs" variant="subtle" leftSection={<IconFileImport size={12} aria-hidden />}>
                    Load from a file
                  </Button>
                )}
              </FileButton>
            </Group>
          }
          description={
            <>
              Public; kept with the set. Starts with <Code>-----BEGIN CERTIFICATE-----</Code>. The server must trust it.
            </>
          }
          autosize
          minRows={3}
          maxRows={8}
          classNames={{ input: 'fw-mono' }}
          value={values.certificatePem}
          onChange={(e) => onChange({ certificatePem: e.currentTarget.value })}
          error={problems.certificatePem}
          data-testid="credential-opcua-certificate"
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Text size="sm" fw={500}>
          Private key
        </Text>
        <Group gap="xs">
          <FileButton onChange={(file) => void load(file, 'privateKey')} accept=".pem,.key,text/plain">
            {(props) => (
              <Button {...props} size="xs" variant="default" leftSection={<IconFileImport size={14} aria-hidden />} data-testid="credential-opcua-private-key">
                Choose the key file (PEM)
              </Button>
            )}
          </FileButton>
          <Text size="xs" c={problems.privateKey ? 'red' : 'dimmed'} data-testid="credential-opcua-private-key-status">
            {problems.privateKey ??
              (values.privateKey
                ? `${keyFile ?? 'Key'} loaded; it goes to the OS keychain on save and is never shown.`
                : (secretHint('private_key') ?? 'No key chosen yet.'))}
          </Text>
        </Group>
        {readError && (
          <Text size="xs" c="red">
            {readError}
          </Text>
        )}
      </Grid.Col>
    </Grid>
  );
}
