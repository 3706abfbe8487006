import type { AssignmentFile } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { PLAYER_DIR, PLAYER_FILE_LIST, parsePlayerFileList, type PlayerFileList } from './player-files';
import { bundlesNeeded, buildScormZip, itemUsingBundle, playerDataFor, ScormPackageError, scormPackageName, type PlayerData } from './scorm-package';

/**
 * The browser's side of ./player-files.ts: the built player fetched from the app's own origin,
 * ready for buildScormZip. Same-origin requests only; nothing goes to any other server.
 */

export class PlayerFilesError extends Error {}

export interface FetchPlayerFilesOptions {
  fetch?: typeof fetch;
  /** Called after the list and after each file: files fetched so far, and how many there are. */
  onProgress?: (done: number, total: number) => void;
}

const REBUILD_HINT = 'Whoever hosts ChartLab should rebuild it with npm run build (which builds the player); meanwhile npm run scorm makes the package on the command line.';

/**
 * The built player's files by their path inside the package, fetched from `base` (the URL of the
 * player folder, ending in "/"). Throws PlayerFilesError with a message for the instructor.
 */
export async function fetchPlayerFiles(base: string, options: FetchPlayerFilesOptions = {}): Promise<Record<string, Uint8Array>> {
  const fetchFile = options.fetch ?? globalThis.fetch.bind(globalThis);
  const get = async (path: string, init?: RequestInit): Promise<Response> => {
    try {
      return await fetchFile(`${base}${path}`, init);
    } catch (error) {
      throw new PlayerFilesError(
        `Could not reach the server ChartLab is served from to fetch the SCORM player (${(error as Error).message}). Check the connection to it and try again.`,
      );
    }
  };

  // Asking for JSON only keeps a single-page-app server from answering a missing list with
  // index.html; "no-cache" so a new build's list is never mixed up with an old one. The other
  // files have content hashes in their names (index.html aside), so the HTTP cache may serve them.
  const listResponse = await get(PLAYER_FILE_LIST, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!listResponse.ok) {
    throw new PlayerFilesError(`This copy of ChartLab has no SCORM player (${PLAYER_DIR}/${PLAYER_FILE_LIST}: HTTP ${listResponse.status}). ${REBUILD_HINT}`);
  }
  let list: PlayerFileList | null;
  try {
    list = parsePlayerFileList(await listResponse.json());
  } catch {
    list = null;
  }
  if (!list) throw new PlayerFilesError(`This copy of ChartLab has no usable SCORM player (${PLAYER_DIR}/${PLAYER_FILE_LIST} is not a player file list). ${REBUILD_HINT}`);
  if (!list.files.includes('index.html')) throw new PlayerFilesError(`The SCORM player of this copy of ChartLab has no index.html. ${REBUILD_HINT}`);

  const total = list.files.length;
  let done = 0;
  options.onProgress?.(done, total);
  const files: Record<string, Uint8Array> = {};
  // One at a time, in list order: a handful of files, and the progress then reads naturally.
  for (const path of list.files) {
    const response = await get(path, { cache: path === 'index.html' ? 'no-cache' : 'default' });
    // A single-page-app server answers a missing file with its own index.html.
    const wrongHtml = !path.endsWith('.html') && (response.headers.get('Content-Type') ?? '').startsWith('text/html');
    if (!response.ok || wrongHtml) {
      throw new PlayerFilesError(
        `The SCORM player of this copy of ChartLab is incomplete: ${path} is missing (${response.ok ? 'the server sent a web page instead' : `HTTP ${response.status}`}). ${REBUILD_HINT}`,
      );
    }
    files[path] = new Uint8Array(await response.arrayBuffer());
    options.onProgress?.(++done, total);
  }
  return files;
}

/**
 * The chart files of the assignment's scenarios on an imported chart, fetched from the app's own
 * origin like the player: `urls` is the app's map of shipped bundles (`/scenarios/bundles/x.json`
 * → its asset URL), the one the exercises use. Throws ScormPackageError for a bundle this copy
 * does not ship, PlayerFilesError for one the server does not give.
 */
export async function fetchScenarioBundles(data: PlayerData, urls: Readonly<Record<string, string>>, fetchFile: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<Record<string, Uint8Array>> {
  const bundles: Record<string, Uint8Array> = {};
  for (const bundle of bundlesNeeded(data)) {
    const url = urls[`/scenarios/${bundle}`];
    if (!url) throw new ScormPackageError(`The chart file ${bundle} (${itemUsingBundle(data, bundle)}) is not part of this copy of ChartLab, so it cannot go into the package.`);
    let response: Response;
    try {
      response = await fetchFile(url);
    } catch (error) {
      throw new PlayerFilesError(`Could not reach the server ChartLab is served from to fetch the chart file ${bundle} (${(error as Error).message}). Check the connection to it and try again.`);
    }
    const wrongHtml = (response.headers.get('Content-Type') ?? '').startsWith('text/html');
    if (!response.ok || wrongHtml) {
      throw new PlayerFilesError(`The chart file ${bundle} could not be fetched for the package (${response.ok ? 'the server sent a web page instead' : `HTTP ${response.status}`}). ${REBUILD_HINT}`);
    }
    bundles[bundle] = new Uint8Array(await response.arrayBuffer());
  }
  return bundles;
}

export interface FetchScormPackageOptions extends FetchPlayerFilesOptions {
  /** The URL of the player folder, ending in "/": `${import.meta.env.BASE_URL}scorm-player/` in the app. */
  playerBase: string;
  /** The app's shipped bundles (`/scenarios/bundles/x.json` → URL), for scenarios on an imported chart. */
  bundleUrls?: Readonly<Record<string, string>>;
  /** Fixed time for zip entries (reproducible packages); default now. */
  mtime?: Date;
}

/**
 * The SCORM 1.2 package of an assignment, made in the browser: the player fetched from the app's
 * origin with the chart files of scenarios on an imported chart, packed by the same code as
 * `npm run scorm`. Throws ScormPackageError (an item this copy cannot pack) or PlayerFilesError
 * (no player or chart file to fetch), each with a message for the instructor.
 */
export async function fetchScormPackage(
  assignment: AssignmentFile,
  lookupShipped: (id: string) => Scenario | undefined,
  options: FetchScormPackageOptions,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  // The assignment first: no point fetching a player for a package that cannot be made.
  const data = playerDataFor(assignment, lookupShipped);
  const bundles = await fetchScenarioBundles(data, options.bundleUrls ?? {}, options.fetch);
  const playerFiles = await fetchPlayerFiles(options.playerBase, options);
  const bytes = buildScormZip({ data, playerFiles, bundles, ...(options.mtime ? { mtime: options.mtime } : {}) });
  return { fileName: scormPackageName(assignment), bytes };
}
