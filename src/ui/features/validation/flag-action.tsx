export interface FlaggableFact {
  ref: string;
  label: string;
}

interface FlagActionProps {
  fact: FlaggableFact;
  /** `value` in dense grids (the vitals flowsheet): an icon instead of the word. */
  placement: 'row' | 'value';
  /** How many findings name this target. */
  flagged: number;
  /** After submission: a planted error sits here that no finding caught. */
  missed: boolean;
  readOnly: boolean;
  onFlag: (fact: FlaggableFact) => void;
}

/**
 * What sits after each fact in the audit: a mark when it is flagged (a flag glyph and the word,
 * not colour alone, WCAG 1.4.1) and the Flag button that opens the finding form.
 */
export function FlagAction({ fact, placement, flagged, missed, readOnly, onFlag }: FlagActionProps) {
  if (readOnly && flagged === 0 && !missed) return null;
  return (
    <span className={`audit-flag audit-flag--${placement}`}>
      {flagged > 0 && (
        <span className="audit-mark">
          <span aria-hidden="true">⚑</span> Flagged{flagged > 1 ? ` ×${flagged}` : ''}
        </span>
      )}
      {missed && (
        <span className="audit-mark audit-mark--missed">
          <span aria-hidden="true">!</span> Missed error
        </span>
      )}
      {!readOnly && (
        <button type="button" className="audit-flag__button" data-target={fact.ref} onClick={() => onFlag(fact)}>
          <span aria-hidden="true">⚐</span>
          {placement === 'row' ? ' Flag ' : ' '}
          <span className="visually-hidden">{placement === 'row' ? fact.label : `Flag ${fact.label}`}</span>
        </button>
      )}
    </span>
  );
}
