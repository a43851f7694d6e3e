// What `fieldwise audit verify` does (loaded when it runs).
import type { CliContext } from '../cli-context.js';
import { withAppCore } from '../runtime/with-app-core.js';

export async function verifyAudit(cli: CliContext): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const result = await call('audit.verify', {});
    if (cli.asJson()) io.out(JSON.stringify(result, null, 2) + '\n');
    else if (result.ok) io.out(`Audit trail intact: ${result.checked} events checked.\n`);
    else {
      io.out(`Audit trail BROKEN: ${result.problems.length} problem(s) in ${result.checked} events.\n`);
      for (const p of result.problems) io.out(`  ${p.seq === null ? '-' : `#${p.seq}`}: ${p.problem}\n`);
    }
    cli.setExitCode(result.ok ? 0 : 1);
  });
}
