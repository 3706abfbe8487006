import { useState } from 'react';
import type { StorageProblem, StorageStatus } from '@/db/storage-status';

interface StorageNoticesProps {
  status: StorageStatus;
  /** Another tab upgraded or deleted the database: this tab can no longer save. */
  versionChanged: boolean;
  /** Export the active learner's progress; absent when nobody is chosen yet. */
  onExport?: () => Promise<unknown>;
  /** Where the storage details are shown. */
  storageHref: string;
}

/** What memory mode means, in the learner's words, for each reason it happens. */
const MEMORY_MESSAGES: Record<StorageProblem, { title: string; body: string }> = {
  unavailable: {
    title: 'Your progress can\u2019t be saved in this browser',
    body:
      'Saving is turned off here (this may be a private window). ChartLab keeps working, but your work is lost when you close ' +
      'or reload this tab, so export your progress before you leave.',
  },
  'newer-version': {
    title: 'This browser holds ChartLab data from a newer version of ChartLab',
    body:
      'Nothing was changed or deleted. Open the latest ChartLab (reload, or ask your instructor for its address) to get back to that ' +
      'work. Until then this tab works without saving: export anything you do here before you close it.',
  },
  blocked: {
    title: 'ChartLab is open in another tab that uses an older version of its data',
    body:
      'Close the other ChartLab tabs and reload this one. Until then nothing you do here is saved: export your progress before you ' +
      'close this tab.',
  },
  'open-failed': {
    title: 'ChartLab couldn\u2019t open its saved data in this browser',
    body: 'ChartLab keeps working, but nothing you do here is saved: export your progress before you close or reload this tab.',
  },
};

/**
 * Banners about where the learner's work is kept: shown only when it is NOT being saved (memory
 * mode) or can no longer be saved (another tab upgraded the database). A browser that merely
 * may evict data under pressure ('best-effort') is explained on the Storage page instead of in a
 * banner on every screen.
 */
export function StorageNotices({ status, versionChanged, onExport, storageHref }: StorageNoticesProps) {
  if (!versionChanged && status.mode !== 'memory') return null;
  return (
    <div className="storage-notices">
      {versionChanged && (
        <div role="alert" className="notice notice--warning storage-notice">
          <div className="storage-notice__text">
            <p>
              <strong>ChartLab was updated in another tab.</strong> This tab can no longer save. Reload it to keep working; your saved
              work is kept.
            </p>
          </div>
          <div className="storage-notice__actions">
            <button type="button" className="button button--small button--primary" onClick={() => window.location.reload()}>
              Reload ChartLab
            </button>
          </div>
        </div>
      )}
      {status.mode === 'memory' && <MemoryNotice problem={status.problem ?? 'open-failed'} onExport={onExport} storageHref={storageHref} />}
    </div>
  );
}

function MemoryNotice({ problem, onExport, storageHref }: { problem: StorageProblem; onExport?: () => Promise<unknown>; storageHref: string }) {
  const message = MEMORY_MESSAGES[problem];
  const [exportError, setExportError] = useState<string | null>(null);
  const exportNow = async () => {
    if (!onExport) return;
    setExportError(null);
    try {
      await onExport();
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section className="notice notice--warning storage-notice" aria-label="Your work is not being saved">
      <div className="storage-notice__text">
        <p>
          <strong>{message.title}.</strong> {message.body}
        </p>
        {!onExport && <p>Create or choose your learner profile first; then you can export it.</p>}
        {exportError && (
          <p role="alert" className="field__error">
            {exportError}
          </p>
        )}
      </div>
      <div className="storage-notice__actions">
        {onExport && (
          <button type="button" className="button button--small button--primary" onClick={() => void exportNow()}>
            Export progress
          </button>
        )}
        {problem === 'blocked' && (
          <button type="button" className="button button--small" onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
        <a className="button button--small" href={storageHref}>
          Storage details
        </a>
      </div>
    </section>
  );
}
