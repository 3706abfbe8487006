import { useEffect, useId, useState } from 'react';
import { useStorageStatus } from '@/db/db-context';
import { getStorageEstimate, requestPersistentStorage, type StorageEstimate, type StorageManagerLike } from '@/db/storage-status';
import { useLearners } from '@/db/use-learners';

interface StoragePanelProps {
  /** Where export and import live. */
  progressHref: string;
  /** Tests pass a fake; the app uses navigator.storage. */
  storageManager?: StorageManagerLike | null;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (1,024-based, as browsers count quota). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

function formatShare(fraction: number): string {
  if (fraction === 0) return '0%';
  if (fraction < 0.0001) return 'less than 0.01%';
  return `${(fraction * 100).toFixed(fraction < 0.01 ? 2 : 1)}%`;
}

const MODE_LABELS = {
  persistent: 'Saved on this computer, kept by the browser',
  'best-effort': 'Saved on this computer',
  memory: 'Not saved: this tab only',
} as const;

/**
 * The Storage page: where the learner's work is kept, whether the browser promised to keep it,
 * and how much space ChartLab uses. Asking for persistent storage is a button because Firefox
 * shows the user a prompt for it.
 */
export function StoragePanel({ progressHref, storageManager }: StoragePanelProps) {
  const status = useStorageStatus();
  const learners = useLearners();
  const headingId = useId();
  const manager = storageManager === undefined ? (typeof navigator === 'undefined' ? null : (navigator.storage ?? null)) : storageManager;
  const [estimate, setEstimate] = useState<StorageEstimate | null | undefined>(undefined);
  const [persisted, setPersisted] = useState<boolean | undefined>(status.mode === 'persistent' ? true : undefined);
  const [asked, setAsked] = useState<'granted' | 'refused' | null>(null);

  // Bumped to read the figures again (after asking for persistence).
  const [reads, setReads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const figures = await getStorageEstimate(manager);
      let kept = false;
      try {
        kept = manager?.persisted ? await manager.persisted() : false;
      } catch {
        kept = false;
      }
      if (cancelled) return;
      setEstimate(figures);
      setPersisted(kept);
    })();
    return () => {
      cancelled = true;
    };
  }, [manager, reads]);

  const askToKeep = async () => {
    const granted = await requestPersistentStorage(manager);
    setAsked(granted ? 'granted' : 'refused');
    setReads((n) => n + 1);
  };

  const memory = status.mode === 'memory';
  return (
    <div className="page storage-page">
      <header>
        <h1>Storage</h1>
        <p className="muted">Everything you do in ChartLab stays in this browser on this computer unless you export it.</p>
      </header>

      <section className="card storage-card" aria-labelledby={headingId}>
        <h2 id={headingId}>Where your work is kept</h2>
        <dl className="storage-facts">
          <div>
            <dt>Saving</dt>
            <dd>
              <span className={`storage-mode storage-mode--${status.mode}`}>
                <span aria-hidden="true">{memory ? '⚠' : '✓'}</span> {MODE_LABELS[status.mode]}
              </span>
            </dd>
          </div>
          <div>
            <dt>Protected from clean-up</dt>
            <dd>
              {memory
                ? 'Not applicable'
                : persisted === undefined
                  ? 'Checking…'
                  : persisted
                    ? 'Yes: the browser will not clear it to free space'
                    : 'No: the browser may clear it if the computer runs very low on space'}
            </dd>
          </div>
          <div>
            <dt>Space used</dt>
            <dd>
              {estimate === undefined ? (
                'Checking…'
              ) : estimate === null ? (
                'This browser does not say.'
              ) : (
                <>
                  {formatBytes(estimate.usage)} of {formatBytes(estimate.quota)} available to this site ({formatShare(estimate.fraction)})
                  <meter className="storage-meter" min={0} max={1} low={0.7} high={0.9} optimum={0} value={estimate.fraction} aria-label="Share of the space used">
                    {formatShare(estimate.fraction)}
                  </meter>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Learner profiles</dt>
            <dd>{learners === undefined ? 'Checking…' : learners.length}</dd>
          </div>
        </dl>
        <p className="storage-reason">{status.reason}</p>
        {!memory && persisted === false && (
          <div className="storage-ask">
            <button type="button" className="button" onClick={() => void askToKeep()}>
              Ask the browser to keep ChartLab&rsquo;s data
            </button>
            <p role="status" className="muted">
              {asked === 'granted'
                ? 'Done: the browser will keep your work.'
                : asked === 'refused'
                  ? 'The browser said no (it decides by how often you use this site). Export your progress now and then to be safe.'
                  : ''}
            </p>
          </div>
        )}
        <p>
          <a href={progressHref}>Export or import progress</a> to keep a copy or move it to another computer.
        </p>
      </section>
    </div>
  );
}
