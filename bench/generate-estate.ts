// Writes a generated estate as importable files plus truth.csv (see src-main/fleet/render-estate-files.ts).
// Usage: npx tsx bench/generate-estate.ts <a|b> <trueAssets> <seed> <outDir>
//   a: the project's fleet generator (the engine's tuning set); b: the held-out estate generator.
// Without arguments (as `npm run bench` runs every file here) it prints this usage and does nothing.
import { generateEstateB } from '../src-main/fleet/estate-b/generate-estate-b.js';
import { fleetAsEstate } from '../src-main/fleet/fleet-as-estate.js';
import { generateFleet } from '../src-main/fleet/generate-fleet.js';
import { writeEstateFiles } from '../src-main/fleet/write-estate-files.js';

const [generator, assets, seedText, outDir] = process.argv.slice(2);
if (generator === undefined) {
  console.log('usage: npx tsx bench/generate-estate.ts <a|b> <trueAssets> <seed> <outDir>');
} else {
  const trueAssets = Number(assets);
  const seed = Number(seedText);
  if ((generator !== 'a' && generator !== 'b') || !Number.isInteger(trueAssets) || trueAssets <= 0 || !Number.isInteger(seed) || outDir === undefined) {
    console.error('usage: npx tsx bench/generate-estate.ts <a|b> <trueAssets> <seed> <outDir>');
    process.exitCode = 2;
  } else {
    const estate = generator === 'a' ? fleetAsEstate(generateFleet({ seed, trueAssets }), `estate-a-${trueAssets}-seed${seed}`) : generateEstateB({ seed, trueAssets });
    const manifest = writeEstateFiles(estate, outDir);
    console.log(`${estate.name}: ${estate.observations.length} observations, ${new Set(estate.truth.values()).size} true entities, ${manifest.length} files in ${outDir}`);
    for (const f of manifest) console.log(`  ${f.file.padEnd(48)} ${f.sourceKind.padEnd(14)} ${String(f.records).padStart(7)}${f.network ? `  network ${f.network}` : ''}`);
  }
}
