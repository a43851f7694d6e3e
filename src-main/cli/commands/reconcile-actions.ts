// What `fieldwise export members` and `fieldwise reconcile evaluate` do (loaded when they run).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Writable } from 'node:stream';
import type { PartitionMember } from '../../engine/reconcile/index.js';
import { evaluateAgainstTruth, parseTruthCsv, TruthFileError } from '../../services/reconciliation/evaluate-against-truth.js';
import { exportMembers } from '../../services/reconciliation/export-members.js';
import type { CliContext } from '../cli-context.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { EvaluateOptions, ExportMembersOptions } from './reconcile-commands.js';

export async function exportMembersCommand(cli: CliContext, opts: ExportMembersOptions): Promise<void> {
  await withAppCore(cli, async (core) => {
    const out: Writable = opts.out ? createWriteStream(opts.out) : new Writable({ write: (chunk: Buffer, _e, done) => (cli.io.out(chunk.toString('utf8')), done()) });
    const count = await exportMembers(core.db, opts.format, out);
    if (opts.out) {
      const closed = once(out, 'close');
      out.end();
      await closed;
      cli.io.err(`Wrote ${count} record(s) to ${opts.out}.\n`);
    }
  });
}

const percent = (x: number) => `${(x * 100).toFixed(2)} %`;
const member = (m: PartitionMember) => `${m.sourceId} ${m.nativeKey}`;

export async function evaluateCommand(cli: CliContext, opts: EvaluateOptions): Promise<void> {
  const { io } = cli;
  let text: string;
  try {
    text = await readFile(opts.truth, 'utf8');
  } catch (error) {
    io.err(`fieldwise: cannot read ${opts.truth}: ${(error as Error).message}\n`);
    cli.setExitCode(1);
    return;
  }
  await withAppCore(cli, async (core) => {
    let truth;
    try {
      truth = parseTruthCsv(text, basename(opts.truth));
    } catch (error) {
      if (!(error instanceof TruthFileError)) throw error;
      io.err(`fieldwise: ${error.message}\n`);
      cli.setExitCode(1);
      return;
    }
    const result = evaluateAgainstTruth(core.db, truth);
    if (cli.asJson()) {
      io.out(JSON.stringify(result, null, 2) + '\n');
      return;
    }
    io.out(`Evaluated ${result.evaluatedKeys} labelled record(s) in ${result.predictedClusters} asset(s) against ${result.trueEntities} real thing(s).\n`);
    if (result.unassignedLabelledKeys > 0) io.out(`${result.unassignedLabelledKeys} labelled record(s) are not in the inventory (check source names and native keys).\n`);
    if (result.unknownSources.length > 0) io.out(`Unknown sources in the truth file: ${result.unknownSources.join(', ')}.\n`);
    io.out(`Pairwise precision ${percent(result.precision)}, recall ${percent(result.recall)}, F1 ${percent(result.f1)} (${result.correctPairs} of ${result.predictedPairs} merged pairs right, ${result.correctPairs} of ${result.truePairs} true pairs found).\n`);
    io.out(`Real things rebuilt exactly as one asset: ${result.exactEntities} of ${result.trueEntities}.\n`);
    for (const f of result.falseMerges.slice(0, opts.examples)) {
      io.out(`\nFalse merge: asset ${f.clusterId} holds ${f.parts.length} real things (${f.wrongPairs} wrong pair(s)):\n`);
      for (const p of f.parts) io.out(`  ${p.label}: ${p.members.map(member).join('; ')}\n`);
    }
    for (const m of result.missedMerges.slice(0, opts.examples)) {
      io.out(`\nMissed merge: ${m.label} is split over ${m.parts.length} assets (${m.missedPairs} pair(s) apart):\n`);
      for (const p of m.parts) io.out(`  asset ${p.clusterId}: ${p.members.map(member).join('; ')}\n`);
    }
    if (result.falseMerges.length + result.missedMerges.length > 0) io.out(`\nOpen an asset with "fieldwise assets show <id>" to see why its records are one asset.\n`);
  });
}
