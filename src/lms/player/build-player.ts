/**
 * Building the SCORM player (Node only): in memory with its own Vite config, for `npm run scorm`
 * and for the app's own build, which ships it under dist/scorm-player/ so the instructor UI can
 * pack a SCORM package in the browser (see ../player-files.ts).
 *
 * Relative imports only: vite.config.ts loads this file before the "@/" alias exists.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';
import { isPackagedPlayerFile, PLAYER_DIR, PLAYER_FILE_LIST, playerFileList } from '../player-files.ts';

const PLAYER_CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const SRC_DIR = fileURLToPath(new URL('../../', import.meta.url));

const encoder = new TextEncoder();

/** The built player's files by their path inside the package (no source maps). */
export async function buildPlayerFiles(): Promise<Record<string, Uint8Array>> {
  const result = await build({ configFile: PLAYER_CONFIG, build: { write: false } });
  const outputs: Rolldown.RolldownOutput[] = Array.isArray(result) ? result : 'output' in result ? [result] : [];
  const files: Record<string, Uint8Array> = {};
  for (const item of outputs.flatMap((o) => o.output)) {
    if (!isPackagedPlayerFile(item.fileName)) continue;
    if (item.type === 'chunk') files[item.fileName] = encoder.encode(item.code);
    else files[item.fileName] = typeof item.source === 'string' ? encoder.encode(item.source) : new Uint8Array(item.source);
  }
  if (!files['index.html']) throw new Error('The SCORM player build produced no index.html.');
  return files;
}

/** What the app serves under PLAYER_DIR/: the player's files and the list of them. */
export function playerAssets(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  const assets: Record<string, Uint8Array> = {};
  for (const [path, bytes] of Object.entries(files)) assets[`${PLAYER_DIR}/${path}`] = bytes;
  assets[`${PLAYER_DIR}/${PLAYER_FILE_LIST}`] = encoder.encode(`${JSON.stringify(playerFileList(Object.keys(files)), null, 2)}\n`);
  return assets;
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  png: 'image/png',
};

/**
 * `vite build`: builds the player and emits it under dist/scorm-player/ with its file list.
 * `vite` (dev): serves the same files under <base>scorm-player/, building the player on the
 * first request and again after a file in src/ changes (a few seconds; the UI shows it is busy).
 */
export function scormPlayerPlugin(): Plugin {
  let devBuild: Promise<Record<string, Uint8Array>> | undefined;
  return {
    name: 'chartlab:scorm-player',
    async generateBundle() {
      // Only the app itself: workers and other environments have no use for the player.
      if (this.environment.name !== 'client') return;
      for (const [fileName, source] of Object.entries(playerAssets(await buildPlayerFiles()))) this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server) {
      const prefix = `${server.config.base}${PLAYER_DIR}/`;
      // The player is made of src/ only (its own folder and what it imports through "@/").
      const onSourceChange = (file: string) => {
        if (file.startsWith(SRC_DIR)) devBuild = undefined;
      };
      server.watcher.on('change', onSourceChange);
      server.watcher.on('add', onSourceChange);
      server.watcher.on('unlink', onSourceChange);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        let asset = '';
        try {
          asset = decodeURIComponent(path.slice(server.config.base.length));
        } catch {
          // A malformed escape names no file: answered 404 below.
        }
        if (!devBuild) {
          // NODE_ENV is "development" in this process, so this player has React's development build:
          // packages to hand out come from the app's production build (npm run build) or npm run scorm.
          server.config.logger.info('Building the SCORM player for the instructor UI (development build)…');
          const building = buildPlayerFiles().then(playerAssets);
          devBuild = building;
          // A failed build is tried again on the next request.
          building.catch(() => {
            if (devBuild === building) devBuild = undefined;
          });
        }
        devBuild.then(
          (assets) => {
            const bytes = assets[asset];
            if (!bytes) {
              res.statusCode = 404;
              res.end('Not part of the SCORM player.');
              return;
            }
            res.setHeader('Content-Type', CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(bytes);
          },
          (error: unknown) => {
            server.config.logger.error(`The SCORM player did not build: ${(error as Error).stack ?? String(error)}`);
            res.statusCode = 500;
            res.end(`The SCORM player did not build: ${(error as Error).message}`);
          },
        );
      });
    },
  };
}
