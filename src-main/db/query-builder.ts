// Kysely used as a typed query builder only: queries are compiled here and executed synchronously
// by better-sqlite3, so a whole use case runs in one synchronous transaction.
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Database } from './database.js';
import type { LocalSchema } from './schema.js';

export type QueryBuilder = Kysely<LocalSchema>;

export function createQueryBuilder(): QueryBuilder {
  return new Kysely<LocalSchema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

type Row<Q> = Q extends Compilable<infer R> ? R : never;

export function all<Q extends Compilable<unknown>>(db: Database, query: Q): Row<Q>[] {
  const compiled = query.compile();
  return db.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as Row<Q>[];
}

export function first<Q extends Compilable<unknown>>(db: Database, query: Q): Row<Q> | undefined {
  const compiled = query.compile();
  return db.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as Row<Q> | undefined;
}

export function run(db: Database, query: Compilable<unknown>): number {
  const compiled = query.compile();
  return db.prepare(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
}
