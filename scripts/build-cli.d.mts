// Types of build-cli.mjs for the TypeScript that imports it (tests, benchmarks).
import type { BuildResult } from 'esbuild';

export function buildCli(options: { outdir: string; metafile?: boolean }): Promise<BuildResult<{ metafile: boolean }>>;
