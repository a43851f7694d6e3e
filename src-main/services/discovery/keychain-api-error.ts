// Turns a credential-store failure into an ApiError that names the credential, the reason and the
// fix — never the secret (CredentialStoreError never carries one).
import { ApiError } from '../../../src-shared/api/index.js';
import { CredentialStoreError } from '../../secrets/credential-store.js';

export const KEYCHAIN_FIX =
  'On Linux, start and unlock a Secret Service in this session (GNOME Keyring or KWallet; on a headless machine: ' +
  '`dbus-run-session -- sh -c "echo -n <password> | gnome-keyring-daemon --unlock --components=secrets; fieldwise ..."`); ' +
  'on macOS unlock the login keychain; on Windows sign in to the Credential Manager.';

/** `action` completes "could not ...", e.g. 'save the community of credential set "core"'. */
export function keychainApiError(error: unknown, action: string): ApiError {
  if (error instanceof CredentialStoreError) {
    if (error.reason === 'invalid_ref') return new ApiError('bad_request', `Could not ${action}: ${error.message}.`);
    const what = error.reason === 'unavailable' ? 'the OS keychain is not available' : 'the OS keychain refused the request';
    return new ApiError('unavailable', `Could not ${action}: ${what}. ${KEYCHAIN_FIX}`);
  }
  if (error instanceof ApiError) return error;
  return new ApiError('unavailable', `Could not ${action}: the OS keychain failed unexpectedly. ${KEYCHAIN_FIX}`);
}
