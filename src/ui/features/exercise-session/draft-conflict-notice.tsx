import { useState } from 'react';
import type { StoredDraftInfo } from '@/db/db-errors';
import type { ConflictReason } from './draft-sync';

interface DraftConflictNoticeProps {
  reason: ConflictReason;
  stored: StoredDraftInfo | null;
  /** Show the saved version (the other tab's, or the one saved earlier). */
  onLoadSaved: () => Promise<void>;
  /** Keep this tab's answers and save them over the other version. */
  onKeepMine: () => Promise<void>;
  progressHref: string;
}

function when(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ` at ${new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}

/**
 * Autosave stopped because the saved draft moved on without this tab (another tab saved newer
 * work, submitted it, or the learner had a saved version before choosing their profile). Nothing
 * is overwritten until the learner picks a version.
 */
export function DraftConflictNotice({ reason, stored, onLoadSaved, onKeepMine, progressHref }: DraftConflictNoticeProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (choice: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await choice();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="alert" className="notice notice--warning draft-conflict">
      {reason === 'gone' ? (
        <p>
          <strong>This exercise was submitted or discarded in another tab or window.</strong> This tab stopped saving so it would not
          bring it back by accident. Your answers here are still on screen.
        </p>
      ) : reason === 'saved-earlier' ? (
        <p>
          <strong>You already have a saved version of this exercise{when(stored?.updatedAt)}.</strong> ChartLab did not save the answers on
          screen over it. Choose which version to keep.
        </p>
      ) : (
        <p>
          <strong>This exercise was changed in another tab or window{when(stored?.updatedAt)}.</strong> To avoid overwriting that work,
          this tab stopped saving. Choose which version to keep; the other one is replaced.
        </p>
      )}
      <div className="draft-conflict__actions">
        {reason === 'gone' ? (
          <>
            <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void run(onKeepMine)}>
              Keep working on this copy
            </button>
            <a className="button button--small" href={progressHref}>
              See my progress
            </a>
          </>
        ) : (
          <>
            <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void run(onLoadSaved)}>
              {reason === 'saved-earlier' ? 'Load my saved version' : 'Load the other tab\u2019s version'}
            </button>
            <button type="button" className="button button--small" disabled={busy} onClick={() => void run(onKeepMine)}>
              {reason === 'saved-earlier' ? 'Keep the answers on screen' : 'Keep mine (overwrite the other)'}
            </button>
          </>
        )}
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
