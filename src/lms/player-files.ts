/**
 * Where the built SCORM player lives in the app's production build, and how the browser gets it.
 *
 * `vite build` builds the player (src/lms/player) and emits its files under `scorm-player/` of
 * dist/, with `scorm-player/files.json` listing them (player/build-player.ts). The instructor
 * UI fetches the list and the files from the app's own origin (fetch-player-files.ts), then
 * packs them with scorm-package.ts, the code `npm run scorm` uses.
 *
 * No imports and no DOM: vite.config.ts loads this file (through the plugin) in Node, before any
 * alias exists.
 */

/** The folder of dist/ (and path under the app's base) that holds the player. */
export const PLAYER_DIR = 'scorm-player';
/** The list of the player's files, inside PLAYER_DIR; not itself part of a package. */
export const PLAYER_FILE_LIST = 'files.json';
export const PLAYER_FILE_LIST_FORMAT = 'chartlab.scorm-player';

export interface PlayerFileList {
  format: typeof PLAYER_FILE_LIST_FORMAT;
  /** Paths inside the package ("index.html", "assets/index-abc.js"), sorted. */
  files: string[];
}

/** Source maps stay out of packages: an LMS has no use for them and they double the size. */
export function isPackagedPlayerFile(path: string): boolean {
  return !path.endsWith('.map');
}

export function playerFileList(paths: Iterable<string>): PlayerFileList {
  return { format: PLAYER_FILE_LIST_FORMAT, files: [...new Set(paths)].filter(isPackagedPlayerFile).sort() };
}

/** A path that stays inside the package: relative, forward slashes, no "." or ".." segments. */
function isSafePath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function parsePlayerFileList(value: unknown): PlayerFileList | null {
  if (typeof value !== 'object' || value === null) return null;
  const { format, files } = value as Record<string, unknown>;
  if (format !== PLAYER_FILE_LIST_FORMAT || !Array.isArray(files)) return null;
  if (!files.every((f): f is string => typeof f === 'string' && isSafePath(f))) return null;
  return { format, files };
}
