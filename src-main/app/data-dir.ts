// Where Fieldwise keeps its data: --data-dir, then FIELDWISE_DATA_DIR, then the OS convention
// (%APPDATA%\Fieldwise, ~/Library/Application Support/Fieldwise, $XDG_DATA_HOME/fieldwise).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function platformDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Fieldwise');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Fieldwise');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'fieldwise');
}

export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, platformDefault: string): string {
  const index = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (index >= 0) {
    const arg = argv[index] as string;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
    if (value) return resolve(value);
  }
  if (env.FIELDWISE_DATA_DIR) return resolve(env.FIELDWISE_DATA_DIR);
  return platformDefault;
}
