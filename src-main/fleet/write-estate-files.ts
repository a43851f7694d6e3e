// Writes a generated estate to a folder as importable files (see renderEstateFiles): one file per
// file-kind source and network in its import format, NDJSON observations for the other sources,
// truth.csv, networks.json and manifest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedEstate } from './generated-estate.js';
import { renderEstateFiles, type EstateFileEntry, type EstateFileFormat } from './render-estate-files.js';

export function writeEstateFiles(estate: GeneratedEstate, dir: string, formats?: Record<string, EstateFileFormat>): EstateFileEntry[] {
  mkdirSync(dir, { recursive: true });
  const { files, manifest } = renderEstateFiles(estate, formats);
  for (const f of files) writeFileSync(join(dir, f.file), f.content);
  return manifest;
}
