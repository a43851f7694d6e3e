// Errors about the database file itself, with a reason the UI and CLI can explain.
export const DATABASE_ERROR_REASONS = ['unknown_migrations', 'migration_failed', 'not_a_database'] as const;
export type DatabaseErrorReason = (typeof DATABASE_ERROR_REASONS)[number];

export class DatabaseError extends Error {
  constructor(
    readonly reason: DatabaseErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}
