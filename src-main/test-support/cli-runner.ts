// Runs `fieldwise` in-process against one data folder and captures what it printed, for CLI tests.
import { runCli } from '../cli/run-cli.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export function cliRunner(dataDir: () => string): (...args: string[]) => Promise<CliResult> {
  return async (...args) => {
    let out = '';
    let err = '';
    const code = await runCli(['--data-dir', dataDir(), ...args], {
      io: { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false },
      env: { USER: 'tester' },
      version: '9.9.9-test',
      waitForStop: () => Promise.resolve(),
    });
    return { code, out, err };
  };
}
