// Scopes and credential sets named on the command line, by id or by name in any case. A name that
// matches nothing is a usage error that says where to look.
import type { DiscoveryScope } from '../../../src-shared/api/index.js';
import { CliUsageError } from '../cli-errors.js';
import type { ApiCall } from './with-app-core.js';

export async function findScope(call: ApiCall, nameOrId: string): Promise<DiscoveryScope> {
  const scopes = await call('discovery.scopes.list', {});
  const scope = scopes.find((s) => s.id === nameOrId) ?? scopes.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase());
  if (!scope) throw new CliUsageError(`No discovery scope "${nameOrId}"; see \`fieldwise scopes list\`.`);
  return scope;
}

export async function findCredentialSetIds(call: ApiCall, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const sets = await call('discovery.credentials.list', {});
  return names.map((name) => {
    const set = sets.find((s) => s.id === name) ?? sets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!set) throw new CliUsageError(`No credential set "${name}"; see \`fieldwise credentials list\`, or add it with \`fieldwise credentials add\`.`);
    return set.id;
  });
}
