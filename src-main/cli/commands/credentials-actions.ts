// What `fieldwise credentials add|list` do (loaded when one runs).
import type { ApiInput, CredentialSetKind } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { CliUsageError } from '../cli-errors.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { CredentialsAddOptions } from './credentials-commands.js';

const KINDS = { v1: 'snmp_v1', v2c: 'snmp_v2c', v3: 'snmp_v3' } as const satisfies Record<CredentialsAddOptions['kind'], CredentialSetKind>;

export async function addCredentialSet(cli: CliContext, name: string, opts: CredentialsAddOptions): Promise<void> {
  const kind = KINDS[opts.kind];
  let input: ApiInput<'discovery.credentials.create'>;
  if (kind !== 'snmp_v3') {
    const community = opts.ref ? undefined : (await cli.prompt.secrets(['Community']))[0];
    if (!opts.ref && !community) throw new CliUsageError('No community given (type it at the prompt, or pipe it on stdin).');
    input = { name, kind, ...(opts.ref ? { communityRef: opts.ref } : { community }) };
  } else {
    if (!opts.user) throw new CliUsageError('An SNMPv3 credential set needs --user.');
    const labels = opts.level === 'authPriv' ? ['Auth key', 'Privacy key'] : opts.level === 'authNoPriv' ? ['Auth key'] : [];
    const [authKey, privKey] = labels.length ? await cli.prompt.secrets(labels) : [];
    input = {
      name,
      kind,
      settings: { user: opts.user, level: opts.level, authProtocol: opts.authProtocol, privProtocol: opts.privProtocol },
      ...(authKey ? { authKey } : {}),
      ...(privKey ? { privKey } : {}),
    };
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

export async function listCredentialSets(cli: CliContext): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const list = await call('discovery.credentials.list', {});
    if (cli.asJson()) return cli.io.out(JSON.stringify(list, null, 2) + '\n');
    cli.io.out(
      formatTable(
        ['NAME', 'KIND', 'USER', 'KEYCHAIN REFERENCES', 'USED BY'],
        list.map((c) => [
          c.name,
          c.kind,
          c.kind === 'snmp_v3' ? c.settings.user : c.kind === 'opcua_user' ? c.settings.userName : undefined,
          c.secrets.map((s) => s.ref).join(' '),
          c.usedBy.map((u) => u.scopeName).join(', '),
        ]),
        70,
      ),
    );
  });
}
