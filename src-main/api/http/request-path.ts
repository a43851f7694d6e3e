// The path and query of a raw request URL, and the paths serve mode refuses to look at.
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function queryParam(url: string, name: string): string | null {
  const query = url.indexOf('?');
  return query === -1 ? null : new URLSearchParams(url.slice(query + 1)).get(name);
}

export const BAD_ENCODING_MESSAGE = 'The address is not valid percent-encoding (for instance a "%" not followed by two hex digits).';
export const UNSAFE_PATH_MESSAGE = 'The address has a ".." segment or a NUL byte; such paths are refused.';

/**
 * Why serve mode refuses to look at this path, or null: the path, percent-decoded once as the router
 * and the static file server decode it, has a ".." segment (with "/" or a backslash as separator) or a NUL
 * byte, or does not decode at all. Browsers resolve ".." before sending, so only a crafted request
 * has one; refusing them up front gives every form (raw, %2e%2e, ..%2f) the same answer.
 */
export function unsafePathProblem(requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return BAD_ENCODING_MESSAGE;
  }
  return decoded.includes('\0') || decoded.split(/[\\/]/).includes('..') ? UNSAFE_PATH_MESSAGE : null;
}
