import type { SaveStatus } from './draft-sync';

/** What the indicator says; null while there is nothing to say yet. */
export function saveIndicatorText(status: SaveStatus | 'no-learner'): string | null {
  if (status === 'no-learner') return 'Not saved \u2014 choose your profile to save your work';
  switch (status.kind) {
    case 'idle':
      return null;
    case 'saving':
      return 'Saving\u2026';
    case 'saved':
      return 'Saved';
    case 'error':
      return `Not saved \u2014 ${status.reason}`;
    case 'conflict':
      return status.reason === 'gone'
        ? 'Not saved \u2014 submitted or discarded in another tab'
        : status.reason === 'saved-earlier'
          ? 'Not saved \u2014 you have a saved version of this exercise'
          : 'Not saved \u2014 changed in another tab';
  }
}

/**
 * "Saved" / "Saving…" / "Not saved — reason", next to the timer. Screen readers hear it through a
 * polite live region, but not the flicker of every save: "Saving…" is shown, not announced, and
 * "Saved" is announced once until something else happens.
 */
export function SaveIndicator({ status }: { status: SaveStatus | 'no-learner' }) {
  const text = saveIndicatorText(status);
  const kind = status === 'no-learner' ? 'off' : status.kind;
  const announced = kind === 'saving' ? 'Saved' : (text ?? '');
  const problem = kind === 'error' || kind === 'conflict' || kind === 'off';
  return (
    <div className={`save-indicator save-indicator--${kind}`}>
      <span aria-hidden="true" className="save-indicator__visible">
        {text && (
          <>
            <span className="save-indicator__icon">{kind === 'saving' ? '\u21bb' : problem ? '!' : '\u2713'}</span> {text}
          </>
        )}
      </span>
      <span role="status" className="visually-hidden">
        {announced}
      </span>
    </div>
  );
}
