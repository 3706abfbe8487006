import { useId, useRef, useState } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { createLearner, deleteLearner, describeLearnerData, renameLearner, setActiveLearner, type LearnerDataCounts } from '@/db/learner-repo';
import type { Learner } from '@/db/records';
import { useActiveLearner, useLearners } from '@/db/use-learners';
import { Dialog } from '@/ui/components/dialog';
import { LearnerNameForm } from './learner-name-form';

interface ManageLearnersProps {
  /** Download the learner's progress file before deleting (the app composes it). */
  onExport: (learnerId: string) => Promise<unknown>;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 submitted attempts, 1 exercise in progress and 3 quiz sessions", or null when there is nothing. */
export function describeCounts(counts: LearnerDataCounts): string | null {
  const parts = [
    counts.attempts ? plural(counts.attempts, 'submitted attempt') : null,
    counts.drafts ? plural(counts.drafts, 'exercise in progress', 'exercises in progress') : null,
    counts.quizSessions ? plural(counts.quizSessions, 'quiz session') : null,
    counts.quizItems ? plural(counts.quizItems, 'quiz question record') : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] as string;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/**
 * `#/learners`: everyone with a profile on this computer. Rename in place; delete after a dialog
 * that says exactly what goes with the profile and offers to export it first.
 */
export function ManageLearners({ onExport }: ManageLearnersProps) {
  const db = useTrainerDB();
  const learners = useLearners();
  const active = useActiveLearner();
  const headingId = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<{ learner: Learner; counts: LearnerDataCounts } | null>(null);
  const [message, setMessage] = useState('');
  // After a rename form closes, its Rename button (rendered again) takes focus back.
  const refocus = useRef<string | null>(null);

  if (learners === undefined || active === undefined) {
    return (
      <div className="page">
        <h1>Learners</h1>
        <p role="status">Loading…</p>
      </div>
    );
  }

  const askDelete = async (learner: Learner) => {
    setDeleting({ learner, counts: await describeLearnerData(db, learner.id) });
  };

  return (
    <div className="page learners-page">
      <header>
        <h1>Learners</h1>
        <p className="muted">Everyone with a profile on this computer. Each profile keeps its own exercises, scores and progress.</p>
      </header>
      <p role="status" className="visually-hidden">
        {message}
      </p>
      <section className="card learners-card" aria-labelledby={headingId}>
        <h2 id={headingId} className="visually-hidden">
          Profiles
        </h2>
        {learners.length === 0 ? (
          <p className="muted">No profiles yet.</p>
        ) : (
          <ul className="learner-list">
            {learners.map((learner) => (
              <li key={learner.id} className="learner-row">
                {renaming === learner.id ? (
                  <LearnerNameForm
                    label={`New name for ${learner.name}`}
                    submitLabel="Save name"
                    initialName={learner.name}
                    focusOnMount
                    onSubmit={async (name) => {
                      const renamed = await renameLearner(db, learner.id, name);
                      refocus.current = learner.id;
                      setRenaming(null);
                      setMessage(`Renamed to ${renamed.name}.`);
                    }}
                    onCancel={() => {
                      refocus.current = learner.id;
                      setRenaming(null);
                    }}
                  />
                ) : (
                  <>
                    <div className="learner-row__who">
                      <p className="learner-row__name">
                        {learner.name}
                        {learner.id === active?.id && <span className="tag learner-row__active">Working now</span>}
                      </p>
                      <p className="muted learner-row__dates">
                        Created {formatDay(learner.createdAt)} · last active {formatDay(learner.lastActiveAt)}
                      </p>
                    </div>
                    <div className="learner-row__actions">
                      {learner.id !== active?.id && (
                        <button type="button" className="button button--small" onClick={() => void setActiveLearner(db, learner.id)}>
                          Switch to <span className="visually-hidden">{learner.name}</span>
                        </button>
                      )}
                      <button
                        ref={(el) => {
                          if (!el) return;
                          if (refocus.current === learner.id) {
                            refocus.current = null;
                            el.focus();
                          }
                        }}
                        type="button"
                        className="button button--small"
                        onClick={() => setRenaming(learner.id)}
                      >
                        Rename <span className="visually-hidden">{learner.name}</span>
                      </button>
                      <button type="button" className="button button--small button--danger" onClick={() => void askDelete(learner)}>
                        Delete <span className="visually-hidden">{learner.name}</span>
                      </button>
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {adding ? (
          <LearnerNameForm
            label="Name of the new learner"
            submitLabel="Create"
            focusOnMount
            onSubmit={async (name) => {
              const learner = await createLearner(db, name);
              setAdding(false);
              setMessage(`Created ${learner.name}.`);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            New learner
          </button>
        )}
      </section>
      {deleting && (
        <DeleteLearnerDialog
          learner={deleting.learner}
          counts={deleting.counts}
          onExport={() => onExport(deleting.learner.id)}
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteLearner(db, deleting.learner.id, { confirm: true });
            setMessage(`Deleted ${deleting.learner.name} and their work.`);
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}

interface DeleteLearnerDialogProps {
  learner: Learner;
  counts: LearnerDataCounts;
  onExport: () => Promise<unknown>;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}

function DeleteLearnerDialog({ learner, counts, onExport, onCancel, onConfirm }: DeleteLearnerDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const what = describeCounts(counts);
  const run = async (action: () => Promise<unknown>, done?: (result: unknown) => void) => {
    setError(null);
    try {
      // Not `done?.(await action())`: an optional call skips evaluating its argument when `done` is absent.
      const result = await action();
      done?.(result);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <Dialog
      open
      title={`Delete ${learner.name}?`}
      onCancel={onCancel}
      initialFocusRef={cancelRef}
      actions={
        <>
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--danger-solid" onClick={() => void run(onConfirm)}>
            Delete {learner.name}
            {what ? ' and their work' : ''}
          </button>
        </>
      }
    >
      <p>
        This deletes the profile <strong>{learner.name}</strong>
        {what ? (
          <>
            {' '}
            and everything saved for it on this computer: <strong>{what}</strong>.
          </>
        ) : (
          '. Nothing else is saved for it.'
        )}{' '}
        This can&rsquo;t be undone.
      </p>
      {what && (
        <p>
          To keep a copy, export the progress first; it can be imported again later, here or on another computer.{' '}
          <button type="button" className="button button--small" onClick={() => void run(onExport, (name) => setExported(String(name)))}>
            Export progress first
          </button>
        </p>
      )}
      <p role="status">{exported ? `Saved ${exported}.` : ''}</p>
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
