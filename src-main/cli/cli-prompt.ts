// Questions the CLI asks a person: secrets (never from argv, which other users can read in the
// process list) and confirmations. On a terminal, secrets are read without echo; otherwise from
// stdin, one per line, so scripts can pipe them in.
import { createInterface } from 'node:readline';

export interface CliPrompt {
  /** True when a person can answer (stdin is a terminal). */
  readonly interactive: boolean;
  /** Reads `count` secrets: prompted without echo on a terminal, else one per stdin line. */
  secrets(labels: readonly string[]): Promise<string[]>;
  confirm(question: string): Promise<boolean>;
}

function readHidden(label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stderr } = process;
    stderr.write(`${label}: `);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdinLines(): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) lines.push(line);
  return lines;
}

export function processPrompt(): CliPrompt {
  const interactive = Boolean(process.stdin.isTTY);
  return {
    interactive,
    async secrets(labels) {
      if (interactive) {
        const out: string[] = [];
        for (const label of labels) out.push(await readHidden(label));
        return out;
      }
      const lines = await readStdinLines();
      return labels.map((_, i) => lines[i] ?? '');
    },
    async confirm(question) {
      if (!interactive) return false;
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
      rl.close();
      return /^y(es)?$/i.test(answer.trim());
    },
  };
}
