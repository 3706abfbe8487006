/**
 * `npm run scorm -- <assignment file> [--out <file.zip>] [--no-build | --player-dir <dir>]`: builds
 * the SCORM player (src/lms/player, Vite, relative base) and packs it with the assignment into a
 * SCORM 1.2 zip to upload to Moodle, Canvas, Blackboard or any SCORM 1.2 LMS. Shipped scenarios
 * are taken from scenarios/ and written into the package in full, like authored ones, with the
 * FHIR bundles (scenarios/bundles/) of those on an imported chart.
 *
 * The instructor UI makes the same package in the browser (same packing code, scorm-package.ts)
 * from the player the app's build ships in dist/scorm-player/; `--no-build` packs that one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadScenarioDir, SCENARIO_DIR } from '@/cli/scenario-files';
import { readAssignment } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { DEFAULT_HASHING } from './hashing';
import { buildPlayerFiles } from './player/build-player';
import { parsePlayerFileList, PLAYER_DIR, PLAYER_FILE_LIST } from './player-files';
import { bundlesNeeded, buildScormZip, itemUsingBundle, playerDataFor, scormPackageName, type PlayerData } from './scorm-package';

/** The player in the app's production build (`npm run build`). */
export const BUILT_PLAYER_DIR = fileURLToPath(new URL(`../../dist/${PLAYER_DIR}`, import.meta.url));

const USAGE = 'usage: npm run scorm -- <assignment file> [--out <file.zip>] [--no-build | --player-dir <dir>]\n';

/** A built player folder (dist/scorm-player/ or a copy of it), read through its file list. */
export function readPlayerDir(dir: string): Record<string, Uint8Array> {
  let listText: string;
  try {
    listText = readFileSync(join(dir, PLAYER_FILE_LIST), 'utf8');
  } catch {
    throw new Error(`${dir} has no ${PLAYER_FILE_LIST}, so it is not a built SCORM player: npm run build makes one in dist/${PLAYER_DIR}/, or leave out --no-build and --player-dir to build the player now.`);
  }
  let list;
  try {
    list = parsePlayerFileList(JSON.parse(listText));
  } catch {
    list = null;
  }
  if (!list) throw new Error(`${join(dir, PLAYER_FILE_LIST)} is not a SCORM player file list.`);
  const files: Record<string, Uint8Array> = {};
  for (const path of list.files) {
    try {
      files[path] = new Uint8Array(readFileSync(join(dir, path)));
    } catch {
      throw new Error(`${dir} is incomplete: ${path} is missing. Build the app again (npm run build).`);
    }
  }
  return files;
}

/** The bundle files the package needs, read from `dir` (scenarios/) as `chartlab` reads them. */
export function readScenarioBundles(data: PlayerData, dir = SCENARIO_DIR): Record<string, Uint8Array> {
  const bundles: Record<string, Uint8Array> = {};
  for (const bundle of bundlesNeeded(data)) {
    try {
      bundles[bundle] = new Uint8Array(readFileSync(join(dir, bundle)));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new Error(`the chart file ${bundle} (${itemUsingBundle(data, bundle)}) cannot be read (${join(dir, bundle)}): ${reason}.`);
    }
  }
  return bundles;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { out: { type: 'string' }, 'no-build': { type: 'boolean' }, 'player-dir': { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`scorm: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  const file = positionals[0];
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  let assignmentText: string;
  try {
    assignmentText = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`scorm: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  let data;
  let bundles;
  try {
    const assignment = await readAssignment(assignmentText, DEFAULT_HASHING);
    const shipped = new Map<string, Scenario>();
    for (const r of loadScenarioDir()) if (r.ok) shipped.set(r.scenario.id, r.scenario);
    data = playerDataFor(assignment, (id) => shipped.get(id));
    bundles = readScenarioBundles(data);
  } catch (error) {
    process.stderr.write(`scorm: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  let playerFiles: Record<string, Uint8Array>;
  const playerDir = values['player-dir'] ?? (values['no-build'] ? BUILT_PLAYER_DIR : undefined);
  if (playerDir) {
    try {
      playerFiles = readPlayerDir(resolve(playerDir));
    } catch (error) {
      process.stderr.write(`scorm: ${(error as Error).message}\n`);
      return 1;
    }
  } else {
    process.stderr.write('scorm: building the player…\n');
    playerFiles = await buildPlayerFiles();
  }
  const zip = buildScormZip({ data, playerFiles, bundles });
  const out = resolve(values.out ?? scormPackageName(data.assignment));
  writeFileSync(out, zip);
  process.stderr.write(`scorm: wrote ${out} (${Math.round(zip.length / 1024)} KiB): upload it to the LMS as a SCORM 1.2 package.\n`);
  return 0;
}

if (process.argv[1] && new URL(import.meta.url).pathname === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`scorm: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
