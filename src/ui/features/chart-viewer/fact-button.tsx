import type { ReactNode } from 'react';
import { useAppStore } from '@/store/app-store';

/** Id of the one description every fact button shares (rendered by ChartViewer). */
export const FACT_HINT_ID = 'chart-fact-hint';

interface FactButtonProps {
  /** `ResourceType/id` of the fact. */
  factRef: string;
  /** How the evidence panel names the fact: "Penicillin V allergy". */
  label: string;
  className?: string;
  children: ReactNode;
}

/**
 * A charted fact the learner can press (click, Enter or Space) to see where the source documents
 * state it. Pressed again, it clears the highlight.
 */
export function FactButton({ factRef, label, className, children }: FactButtonProps) {
  const pressed = useAppStore((s) => s.selectedFact?.ref === factRef);
  const toggleFact = useAppStore((s) => s.toggleFact);
  return (
    <button
      type="button"
      className={`fact${className ? ` ${className}` : ''}`}
      aria-pressed={pressed}
      aria-describedby={FACT_HINT_ID}
      onClick={() => toggleFact(factRef, label)}
    >
      {children}
    </button>
  );
}
