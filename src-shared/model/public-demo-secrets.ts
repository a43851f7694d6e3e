// The demo's secrets, which are not secrets: the simulated SNMP agents of `fieldwise demo` answer
// this community on 127.0.0.1 and it is printed in the README. They are kept apart from real
// credentials under a reference prefix of their own, so the demo runs without an OS keychain while
// every real secret still lives only in the keychain.

/** The community the demo agents answer (public: it is written here and in the README). */
export const DEMO_SNMP_COMMUNITY = 'fieldwise-demo';

/** References under this prefix name a public demo value, never a stored secret. */
export const PUBLIC_DEMO_REF_PREFIX = 'public-demo/';

/** The reference a demo credential set uses for its community. */
export const PUBLIC_DEMO_COMMUNITY_REF = `${PUBLIC_DEMO_REF_PREFIX}snmp-community`;

export const PUBLIC_DEMO_SECRETS: Readonly<Record<string, string>> = { [PUBLIC_DEMO_COMMUNITY_REF]: DEMO_SNMP_COMMUNITY };

export function isPublicDemoRef(ref: string): boolean {
  return ref.startsWith(PUBLIC_DEMO_REF_PREFIX);
}
