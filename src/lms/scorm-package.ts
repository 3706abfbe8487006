import { strToU8, zipSync, type Zippable } from 'fflate';
import { fileNameSlug, resolveItemScenario, type AssignmentFile } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { buildScormManifest } from './scorm-manifest';

/**
 * A SCORM 1.2 package for one assignment: the prebuilt player (src/lms/player, built by Vite with
 * a relative base so it runs from any folder of the LMS, and offline), `assignment.js` with the
 * assignment and every scenario it needs in full (shipped ones too, so the package does not
 * depend on the LMS's copy of anything), the FHIR bundle of every scenario on an imported chart
 * (`scenarios/bundles/<file>.json`, fetched by the player by relative URL), and imsmanifest.xml
 * listing every file.
 *
 * Pure (bytes in, bytes out), so the same code packs in Node (`npm run scorm`) and in the
 * browser (the instructor UI, with the player fetched by fetch-player-files.ts).
 */

/** The global the player reads; assignment.js sets it before the player's module runs. */
export const PLAYER_DATA_GLOBAL = 'CHARTLAB_SCORM_ASSIGNMENT';

export interface PlayerData {
  assignment: AssignmentFile;
  /** Per item, the scenario with the assignment's pass mark applied. */
  scenarios: Scenario[];
}

export class ScormPackageError extends Error {}

export function playerDataFor(assignment: AssignmentFile, lookup: (id: string) => Scenario | undefined): PlayerData {
  const scenarios = assignment.items.map((item, i) => {
    const scenario = resolveItemScenario(item, assignment.passMark, lookup);
    if (!scenario) throw new ScormPackageError(`Item ${i + 1} names the scenario "${String(item.scenario)}", which is not among the scenarios shipped with ChartLab.`);
    return scenario;
  });
  return { assignment, scenarios };
}

/**
 * Where a scenario's bundle (`patients.bundle`, "bundles/x.json") sits in the package: under
 * scenarios/, as in the repository, so the player's URLs are keyed like the app's
 * (`/scenarios/bundles/x.json`) and never meet the player's own files.
 */
export function packagedBundlePath(bundle: string): string {
  return `scenarios/${bundle}`;
}

/** The bundles the package must carry: each scenario's `patients.bundle`, once, sorted. */
export function bundlesNeeded(data: PlayerData): string[] {
  return [...new Set(data.scenarios.flatMap((s) => (s.patients.bundle ? [s.patients.bundle] : [])))].sort();
}

/** The first item whose scenario is on `bundle`, for messages: "item 2, synthea-chart-audit". */
export function itemUsingBundle(data: PlayerData, bundle: string): string {
  const i = data.scenarios.findIndex((s) => s.patients.bundle === bundle);
  return `item ${i + 1}, ${data.scenarios[i]?.id ?? '?'}`;
}

/** `assignment.js`: plain script (not a module), so it also works when the LMS serves .js oddly. */
export function playerDataScript(data: PlayerData): string {
  // Escape "<" so no "</script>" or "<!--" in a title can end or confuse the script.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `/* ChartLab SCORM package data (chartlab.assignment and its scenarios). */\nwindow.${PLAYER_DATA_GLOBAL} = ${json};\n`;
}

export interface ScormPackageInput {
  data: PlayerData;
  /** The built player: path inside the package (e.g. "index.html", "assets/x.js") → bytes. */
  playerFiles: Record<string, Uint8Array>;
  /** The file of every bundle in `bundlesNeeded(data)`, by the scenario's name for it ("bundles/x.json"). */
  bundles?: Readonly<Record<string, Uint8Array>>;
  /** Fixed time for zip entries (reproducible packages); default now. */
  mtime?: Date;
}

export function scormPackageFiles(input: ScormPackageInput): Record<string, Uint8Array> {
  if (!input.playerFiles['index.html']) throw new ScormPackageError('The SCORM player has no index.html, so the package would not start.');
  const files: Record<string, Uint8Array> = { ...input.playerFiles, 'assignment.js': strToU8(playerDataScript(input.data)) };
  for (const bundle of bundlesNeeded(input.data)) {
    const bytes = input.bundles?.[bundle];
    // A package without the file would only fail in the LMS, in front of a learner.
    if (!bytes) throw new ScormPackageError(`The chart file ${bundle} (${itemUsingBundle(input.data, bundle)}) was not given to the packager, so the package would be incomplete.`);
    files[packagedBundlePath(bundle)] = bytes;
  }
  const { assignment } = input.data;
  const manifest = buildScormManifest({
    identifier: `chartlab-${assignment.id}-${assignment.checksum.slice(0, 8)}`,
    title: assignment.course ? `${assignment.title} (${assignment.course})` : assignment.title,
    launch: 'index.html',
    files: Object.keys(files),
    masteryScore: Math.round(assignment.passMark * 100),
    // No adlcp:maxtimeallowed: ChartLab's time limits are advisory (learners may finish late).
  });
  return { 'imsmanifest.xml': strToU8(manifest), ...files };
}

/** The zip: imsmanifest.xml at the root, as SCORM requires. */
export function buildScormZip(input: ScormPackageInput): Uint8Array {
  const files = scormPackageFiles(input);
  const mtime = input.mtime ?? new Date();
  const zippable: Zippable = {};
  for (const [path, bytes] of Object.entries(files)) zippable[path] = [bytes, { mtime }];
  return zipSync(zippable, { level: 6 });
}

/** "Week 3: lab audit" → "week-3-lab-audit.scorm12.zip" (the id when the title has no letters or digits). */
export function scormPackageName(assignment: Pick<AssignmentFile, 'id' | 'title'>): string {
  return `${fileNameSlug(assignment.title) || fileNameSlug(assignment.id) || 'assignment'}.scorm12.zip`;
}
