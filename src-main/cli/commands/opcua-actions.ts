// What `fieldwise opcua certificates …` does (loaded when it runs).
import { OPCUA_CERTIFICATE_STATES, type OpcuaCertificateStateName } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { CliUsageError } from '../cli-errors.js';
import { formatTable } from '../format-table.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { OpcuaCertificatesListOptions } from './opcua-commands.js';

export async function listOpcuaCertificates(cli: CliContext, opts: OpcuaCertificatesListOptions): Promise<void> {
  if (opts.state !== undefined && !(OPCUA_CERTIFICATE_STATES as readonly string[]).includes(opts.state)) {
    throw new CliUsageError(`"${opts.state}" is not a certificate state; use one of: ${OPCUA_CERTIFICATE_STATES.join(', ')}.`);
  }
  await withAppCore(cli, async (_core, call) => {
    const list = await call('discovery.opcuaCertificates.list', opts.state ? { state: opts.state as OpcuaCertificateStateName } : {});
    if (cli.asJson()) {
      cli.io.out(
        JSON.stringify(
          list.map(({ certificate: _der, ...rest }) => rest),
          null,
          2,
        ) + '\n',
      );
      return;
    }
    if (list.length === 0) {
      cli.io.out('No OPC UA server certificates yet: a discovery run files the ones it meets as pending.\n');
      return;
    }
    cli.io.out(
      formatTable(
        ['State', 'Thumbprint', 'Subject', 'Application URI', 'Valid to'],
        list.map((c) => [c.state, c.thumbprint, c.subject, c.applicationUri, c.validTo?.slice(0, 10)]),
        60,
      ),
    );
  });
}

export async function decideOpcuaCertificate(cli: CliContext, thumbprint: string, decision: 'trust' | 'reject'): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const result = await call(decision === 'trust' ? 'discovery.opcuaCertificates.trust' : 'discovery.opcuaCertificates.reject', { thumbprint });
    if (cli.asJson()) cli.io.out(JSON.stringify({ thumbprint: result.thumbprint, state: result.state, subject: result.subject }, null, 2) + '\n');
    else cli.io.out(`${decision === 'trust' ? 'Trusted' : 'Rejected'} ${result.subject} (${result.thumbprint}).\n`);
  });
}
