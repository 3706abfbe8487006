import { useRef } from 'react';
import { Dialog } from '@/ui/components/dialog';

interface SubmitDialogProps {
  open: boolean;
  /** What is still blank (unansweredSummary). */
  unanswered: string[];
  timeUp: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Submit your answers?" with what is still blank; Escape or Keep working goes back. */
export function SubmitDialog({ open, unanswered, timeUp, onConfirm, onCancel }: SubmitDialogProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      title="Submit your answers?"
      onCancel={onCancel}
      initialFocusRef={confirmRef}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Keep working
          </button>
          <button ref={confirmRef} type="button" className="button button--primary" onClick={onConfirm}>
            Submit for scoring
          </button>
        </>
      }
    >
      <p>Your answers are scored at once and can no longer be changed.{timeUp && ' The time limit has passed.'}</p>
      {unanswered.length > 0 ? (
        <>
          <p className="dialog__subhead">Still unanswered:</p>
          <ul className="dialog__list">
            {unanswered.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="dialog__subhead">No section is empty and no field is blank.</p>
      )}
    </Dialog>
  );
}
