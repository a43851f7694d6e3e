// The first import people are told to try (the inventory's empty state, the README): one of the
// repository's example files, run from the repository's folder. The CLI test runs these exact
// arguments, so the hint stays a command that works.
export const EXAMPLE_IMPORT_ARGS = ['import', 'examples/servers.csv', '--kind', 'servers_cache'] as const;

export const EXAMPLE_IMPORT_COMMAND = `fieldwise ${EXAMPLE_IMPORT_ARGS.join(' ')}`;

/** The example OT seed list (docs/ot-seed-and-manual.md): known plant endpoints on network plant-a. */
export const EXAMPLE_OT_SEED_IMPORT_ARGS = ['import', 'examples/ot-seed-list.csv', '--kind', 'ot_seed', '--network', 'plant-a'] as const;

export const EXAMPLE_OT_SEED_IMPORT_COMMAND = `fieldwise ${EXAMPLE_OT_SEED_IMPORT_ARGS.join(' ')}`;
