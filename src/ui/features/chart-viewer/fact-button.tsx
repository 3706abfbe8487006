import type { ReactNode } from 'react';
import { FactAction, useFactPressed, useToggleFact, type FactActionPlacement } from './chart-view-context';

/** Id of the one description every fact button shares (rendered by ChartViewer). */
export const FACT_HINT_ID = 'chart-fact-hint';

interface FactButtonProps {
  /** `ResourceType/id` of the fact. */
  factRef: string;
  /** How the evidence panel names the fact: "Penicillin G allergy". */
  label: string;
  className?: string;
  /**
   * Where a provider's action (a workspace's Flag button) goes after the button; `false` for none,
   * where the same fact has its action elsewhere. Defaults to `value` for values, else `row`.
   */
  action?: FactActionPlacement | false;
  children: ReactNode;
}

/**
 * A charted fact the learner can press (click, Enter or Space) to see where the source documents
 * state it. Pressed again, it clears the highlight.
 */
export function FactButton({ factRef, label, className, action, children }: FactButtonProps) {
  const pressed = useFactPressed(factRef);
  const toggleFact = useToggleFact();
  const placement = action ?? (className?.includes('fact--value') ? 'value' : 'row');
  return (
    <>
      <button
        type="button"
        className={`fact${className ? ` ${className}` : ''}`}
        aria-pressed={pressed}
        aria-describedby={FACT_HINT_ID}
        onClick={() => toggleFact(factRef, label)}
      >
        {children}
      </button>
      {placement && <FactAction fact={{ ref: factRef, label }} placement={placement} />}
    </>
  );
}
