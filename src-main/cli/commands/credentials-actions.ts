// What `fieldwise credentials add|list` do (loaded when one runs).
import { readFile } from 'node:fs/promises';
import type { ApiInput, CredentialSet, CredentialSetKind } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { CliUsageError } from '../cli-errors.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { CredentialsAddOptions } from './credentials-commands.js';

const KINDS: Record<CredentialsAddOptions['kind'], CredentialSetKind> = {
  v1: 'snmp_v1',
  v2c: 'snmp_v2c',
  v3: 'snmp_v3',
  snmp_v1: 'snmp_v1',
  snmp_v2c: 'snmp_v2c',
  snmp_v3: 'snmp_v3',
  opcua_user: 'opcua_user',
  opcua_certificate: 'opcua_certificate',
};

/** The options each kind takes beyond --kind and --ref; any other is refused by name. */
const KIND_OPTIONS: Record<CredentialSetKind, readonly (keyof CredentialsAddOptions)[]> = {
  snmp_v1: [],
  snmp_v2c: [],
  snmp_v3: ['user'],
  opcua_user: ['user'],
  opcua_certificate: ['certificate', 'privateKey'],
};
const FLAGS: Partial<Record<keyof CredentialsAddOptions, string>> = { user: '--user', certificate: '--certificate', privateKey: '--private-key' };

async function readPem(path: string, flag: string, what: RegExp, description: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${flag}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  if (!what.test(text)) throw new CliUsageError(`${flag}: "${path}" holds no ${description} in PEM form (-----BEGIN ...-----).`);
  return text;
}

async function firstSecret(cli: CliContext, label: string, missing: string): Promise<string> {
  const secret = (await cli.prompt.secrets([label]))[0];
  if (!secret) throw new CliUsageError(missing);
  return secret;
}

export async function addCredentialSet(cli: CliContext, name: string, opts: CredentialsAddOptions): Promise<void> {
  const kind = KINDS[opts.kind];
  for (const [key, flag] of Object.entries(FLAGS) as [keyof CredentialsAddOptions, string][]) {
    if (opts[key] !== undefined && !KIND_OPTIONS[kind].includes(key)) throw new CliUsageError(`${flag} does not apply to --kind ${opts.kind}.`);
  }
  let input: ApiInput<'discovery.credentials.create'>;
  if (kind === 'snmp_v1' || kind === 'snmp_v2c') {
    const community = opts.ref ? undefined : await firstSecret(cli, 'Community', 'No community given (type it at the prompt, or pipe it on stdin).');
    input = { name, kind, ...(opts.ref ? { communityRef: opts.ref } : { community }) };
  } else if (kind === 'snmp_v3') {
    if (!opts.user) throw new CliUsageError('An SNMPv3 credential set needs --user.');
    if (opts.ref) throw new CliUsageError('--ref does not apply to --kind v3 (it has two secrets); type or pipe them in.');
    const labels = opts.level === 'authPriv' ? ['Auth key', 'Privacy key'] : opts.level === 'authNoPriv' ? ['Auth key'] : [];
    const [authKey, privKey] = labels.length ? await cli.prompt.secrets(labels) : [];
    input = {
      name,
      kind,
      settings: { user: opts.user, level: opts.level, authProtocol: opts.authProtocol, privProtocol: opts.privProtocol },
      ...(authKey ? { authKey } : {}),
      ...(privKey ? { privKey } : {}),
    };
  } else if (kind === 'opcua_user') {
    if (!opts.user) throw new CliUsageError('An OPC UA user credential set needs --user <user name>.');
    const password = opts.ref ? undefined : await firstSecret(cli, 'Password', 'No password given (type it at the prompt, or pipe it on stdin).');
    input = { name, kind, settings: { userName: opts.user }, ...(opts.ref ? { passwordRef: opts.ref } : { password }) };
  } else {
    if (!opts.certificate) throw new CliUsageError('An OPC UA certificate credential set needs --certificate <pem-file>.');
    if (!opts.privateKey && !opts.ref)
      throw new CliUsageError('An OPC UA certificate credential set needs --private-key <pem-file> (or --ref <keychain reference>).');
    const certificatePem = await readPem(opts.certificate, '--certificate', /-----BEGIN CERTIFICATE-----/, 'certificate');
    const privateKey = opts.privateKey ? await readPem(opts.privateKey, '--private-key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key') : undefined;
    input = { name, kind, settings: { certificatePem }, ...(privateKey ? { privateKey } : { privateKeyRef: opts.ref }) };
  }
  await withAppCore(cli, async (_core, call) => {
    const set = await call('discovery.credentials.create', input);
    cli.io.out(
      cli.asJson()
        ? JSON.stringify(set, null, 2) + '\n'
        : `Saved credential set "${set.name}" (${set.kind}); secrets are in the OS keychain under ${set.secrets.map((s) => s.ref).join(', ')}.\n`,
    );
  });
}

function userOf(set: CredentialSet): string | null {
  if (set.kind === 'snmp_v3') return set.settings.user;
  if (set.kind === 'opcua_user') return set.settings.userName;
  return null;
}

export async function listCredentialSets(cli: CliContext): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const list = await call('discovery.credentials.list', {});
    if (cli.asJson()) return cli.io.out(JSON.stringify(list, null, 2) + '\n');
    cli.io.out(
      formatTable(
        ['NAME', 'KIND', 'USER', 'KEYCHAIN REFERENCES', 'USED BY'],
        list.map((c) => [c.name, c.kind, userOf(c), c.secrets.map((s) => s.ref).join(' '), c.usedBy.map((u) => u.scopeName).join(', ')]),
        70,
      ),
    );
  });
}
