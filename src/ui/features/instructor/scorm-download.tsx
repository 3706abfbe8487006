import { useState } from 'react';
import type { AssignmentFile } from '@/domain/instructor/assignment';
import { formatBytes } from '@/domain/fhir/import-errors';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { fetchScormPackage, PlayerFilesError } from '@/lms/fetch-player-files';
import { PLAYER_DIR } from '@/lms/player-files';
import { ScormPackageError } from '@/lms/scorm-package';
import { downloadFile } from './download';

/** The player the app's build ships (dist/scorm-player/), on the app's own origin. */
export const APP_PLAYER_BASE = `${import.meta.env.BASE_URL}${PLAYER_DIR}/`;

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; done: number; total: number | null }
  | { kind: 'done'; fileName: string; size: number }
  | { kind: 'error'; message: string };

interface ScormDownloadProps {
  assignment: AssignmentFile;
  /** Shipped scenarios by id (authored ones travel inside the assignment). */
  lookupShipped: (id: string) => Scenario | undefined;
  /** The app's shipped FHIR bundles (`/scenarios/bundles/x.json` → URL), packed for scenarios on an imported chart. */
  bundleUrls: Readonly<Record<string, string>>;
  /** Where the built player is served; the app's own by default. */
  playerBase?: string;
}

function progressText(state: Extract<State, { kind: 'busy' }>): string {
  if (state.total === null) return 'Preparing the SCORM package…';
  return `Preparing the SCORM package: fetching the player, ${state.done} of ${state.total} files…`;
}

/**
 * "Download SCORM 1.2 package": fetches the player (and the chart files of scenarios on an
 * imported chart) from the app's own origin and packs them with the assignment in the browser, with the code `npm run scorm` uses, so an instructor needs no
 * terminal. The button stays focusable while busy (aria-disabled) so focus is not lost.
 */
export function ScormDownload({ assignment, lookupShipped, bundleUrls, playerBase = APP_PLAYER_BASE }: ScormDownloadProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'busy';

  const download = async () => {
    if (busy) return;
    setState({ kind: 'busy', done: 0, total: null });
    try {
      const pkg = await fetchScormPackage(assignment, lookupShipped, { playerBase, bundleUrls, onProgress: (done, total) => setState({ kind: 'busy', done, total }) });
      downloadFile(pkg.fileName, pkg.bytes, 'application/zip');
      setState({ kind: 'done', fileName: pkg.fileName, size: pkg.bytes.length });
    } catch (error) {
      const known = error instanceof PlayerFilesError || error instanceof ScormPackageError;
      setState({ kind: 'error', message: known ? error.message : `The SCORM package could not be made: ${(error as Error).message}` });
    }
  };

  return (
    <div className="scorm-download">
      <button type="button" className="button button--small" aria-disabled={busy || undefined} onClick={download}>
        {busy && <span className="spinner" aria-hidden="true" />} Download SCORM 1.2 package
      </button>
      {/* Always rendered, so screen readers hear the changes. */}
      <p role="status" className="muted small scorm-download__status">
        {state.kind === 'busy' && progressText(state)}
        {state.kind === 'done' && (
          <>
            Downloaded <span className="mono">{state.fileName}</span> ({formatBytes(state.size)}): upload it to your LMS as a SCORM 1.2 package.
          </>
        )}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="notice notice--error scorm-download__error">
          {state.message}
        </p>
      )}
    </div>
  );
}
