/**
 * `npm run scorm -- <assignment file> [--out <file.zip>] [--no-build]`: builds the SCORM player
 * (src/lms/player, Vite, relative base) and packs it with the assignment into a SCORM 1.2 zip to
 * upload to Moodle, Canvas, Blackboard or any SCORM 1.2 LMS. Shipped scenarios are taken from
 * scenarios/ and written into the package in full, like authored ones.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { loadScenarioDir } from '@/cli/scenario-files';
import { readAssignment } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { DEFAULT_HASHING } from './hashing';
import { SCORM_PLAYER_OUT_DIR } from './player/vite.config';
import { buildScormZip, playerDataFor, scormPackageName } from './scorm-package';

const PLAYER_CONFIG = new URL('./player/vite.config.ts', import.meta.url).pathname;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The built player's files by their path inside the package. */
export function readPlayerFiles(dir = SCORM_PLAYER_OUT_DIR): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const path of listFiles(dir)) {
    const inside = relative(dir, path).split('\\').join('/');
    if (inside.endsWith('.map')) continue;
    files[inside] = new Uint8Array(readFileSync(path));
  }
  return files;
}

export async function buildPlayer(): Promise<void> {
  await build({ configFile: PLAYER_CONFIG });
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: npm run scorm -- <assignment file> [--out <file.zip>] [--no-build]\n');
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
  try {
    const assignment = await readAssignment(assignmentText, DEFAULT_HASHING);
    const shipped = new Map<string, Scenario>();
    for (const r of loadScenarioDir()) if (r.ok) shipped.set(r.scenario.id, r.scenario);
    data = playerDataFor(assignment, (id) => shipped.get(id));
  } catch (error) {
    process.stderr.write(`scorm: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (!values['no-build']) {
    process.stderr.write('scorm: building the player…\n');
    await buildPlayer();
  }
  const zip = buildScormZip({ data, playerFiles: readPlayerFiles() });
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
