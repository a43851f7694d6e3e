// Tags the application keeps for itself on an asset (which discovery credential answered, so the
// next run tries it first). They stay in the tags table but are not the person's: tag views, the
// CLI and the tag editor leave them out, and a person cannot set or remove them.
export const INTERNAL_TAG_KEYS = ['snmp_credential'] as const;

export function isInternalTagKey(key: string): boolean {
  return (INTERNAL_TAG_KEYS as readonly string[]).includes(key.trim().toLowerCase());
}
