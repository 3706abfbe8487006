import { useEffect, useId, useRef, useState } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { setActiveLearner } from '@/db/learner-repo';
import { useActiveLearner, useLearners } from '@/db/use-learners';
import { NewLearnerDialog } from './new-learner-dialog';

interface LearnerSwitcherProps {
  manageHref: string;
  storageHref: string;
}

/**
 * The header control naming whose work is on screen, with a menu to switch to another learner,
 * add one, manage them, or sign out (so the next person on a shared computer starts clean). A
 * disclosure of plain buttons and links rather than an ARIA menu: Tab moves through it, Escape
 * closes it.
 */
export function LearnerSwitcher({ manageHref, storageHref }: LearnerSwitcherProps) {
  const db = useTrainerDB();
  const active = useActiveLearner();
  const learners = useLearners();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [open]);

  if (active === undefined || learners === undefined) return <div className="learner-switcher learner-switcher--loading" aria-hidden="true" />;

  const switchTo = async (learnerId: string | null) => {
    setError(null);
    try {
      await setActiveLearner(db, learnerId);
      setOpen(false);
      buttonRef.current?.focus();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  const others = learners.filter((l) => l.id !== active?.id);
  return (
    <div ref={boxRef} className="learner-switcher">
      <button
        ref={buttonRef}
        type="button"
        className="learner-switcher__button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={active ? `Learner: ${active.name}` : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="learner-switcher__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="10" cy="7" r="3.5" />
          <path d="M3.5 17c.8-3.4 3.4-5 6.5-5s5.7 1.6 6.5 5" />
        </svg>
        {active ? (
          <span>{active.name}</span>
        ) : (
          <span>Choose learner</span>
        )}
        <span className="learner-switcher__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={`${id}-panel`} className="learner-switcher__panel" hidden={!open}>
        {others.length > 0 && (
          <>
            <p className="learner-switcher__label" id={`${id}-others`}>
              Switch to
            </p>
            <ul className="learner-switcher__list" aria-labelledby={`${id}-others`}>
              {others.map((learner) => (
                <li key={learner.id}>
                  <button type="button" className="learner-switcher__item" onClick={() => void switchTo(learner.id)}>
                    {learner.name}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <ul className="learner-switcher__list learner-switcher__list--actions">
          <li>
            <button
              type="button"
              className="learner-switcher__item"
              onClick={() => {
                // The dialog gives focus back to what had it; this item is about to be hidden.
                buttonRef.current?.focus();
                setOpen(false);
                setCreating(true);
              }}
            >
              New learner…
            </button>
          </li>
          <li>
            <a className="learner-switcher__item" href={manageHref} onClick={() => setOpen(false)}>
              Manage learners
            </a>
          </li>
          <li>
            <a className="learner-switcher__item" href={storageHref} onClick={() => setOpen(false)}>
              Storage
            </a>
          </li>
          {active && (
            <li>
              <button type="button" className="learner-switcher__item" onClick={() => void switchTo(null)}>
                Sign out <span className="muted">(nobody working)</span>
              </button>
            </li>
          )}
        </ul>
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
      </div>
      <NewLearnerDialog
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
      />
    </div>
  );
}
