// Serve mode's one secret: a random token printed by `fieldwise serve`. A caller proves it knows the
// token with an Authorization header (scripts), an HttpOnly cookie (the browser tab, set once by
// `/?token=`), or a WebSocket subprotocol (a WebSocket client that cannot set headers and has no
// cookie). Comparison is constant-time and independent of the candidate's length.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE_NAME = 'fieldwise_token';
/** The WebSocket subprotocol the server selects; clients must offer it. */
export const EVENTS_PROTOCOL = 'fieldwise.v1';
/** A client without cookie or headers offers `fieldwise.token.<token>` next to EVENTS_PROTOCOL. */
export const TOKEN_PROTOCOL_PREFIX = 'fieldwise.token.';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,512}$/;

export type TokenCredential = 'bearer' | 'cookie' | 'protocol';

export interface TokenAuth {
  /** True when the candidate is the token. */
  matches(candidate: string): boolean;
  /** Which credential in the headers carries the token, or null when none does. */
  check(headers: IncomingHttpHeaders): TokenCredential | null;
  /** The Set-Cookie value that signs a browser tab in. */
  readonly setCookie: string;
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Throws when a configured token is too short or could not travel in a cookie or subprotocol. */
export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('The serve-mode token must be 32 to 512 characters of A-Z, a-z, 0-9, "-" or "_"; leave it unset to get a random one.');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function headerValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  if (!cookieHeader) return [];
  const values: string[] = [];
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) values.push(part.slice(separator + 1).trim());
  }
  return values;
}

export function createTokenAuth(token: string): TokenAuth {
  assertUsableToken(token);
  const expected = digest(token);
  const matches = (candidate: string): boolean => timingSafeEqual(digest(candidate), expected);

  return {
    matches,
    check(headers) {
      for (const value of headerValues(headers.authorization)) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
        if (match?.[1] !== undefined && matches(match[1])) return 'bearer';
      }
      // Another serve instance on the same host shares the cookie jar (cookies ignore ports), so
      // several fieldwise_token cookies may arrive: any one of them may be ours.
      if (cookieValues(headers.cookie, TOKEN_COOKIE_NAME).some(matches)) return 'cookie';
      for (const value of headerValues(headers['sec-websocket-protocol'])) {
        for (const protocol of value.split(',')) {
          const trimmed = protocol.trim();
          if (trimmed.startsWith(TOKEN_PROTOCOL_PREFIX) && matches(trimmed.slice(TOKEN_PROTOCOL_PREFIX.length))) return 'protocol';
        }
      }
      return null;
    },
    setCookie: `${TOKEN_COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
