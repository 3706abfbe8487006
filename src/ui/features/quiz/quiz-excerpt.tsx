import { highlightSegments } from '@/ui/components/highlight';

interface QuizExcerptProps {
  text: string;
  evidence?: { start: number; end: number } | undefined;
  /** Mark the evidence (after answering in practice, and in the results). */
  showEvidence: boolean;
  label?: string;
}

/**
 * The document lines a question is about, printed monospace as the record prints them. Long
 * lines wrap rather than scroll, so the excerpt needs no tab stop of its own. The evidence is a
 * <mark> with words around it for screen readers, which don't announce <mark> everywhere.
 */
export function QuizExcerpt({ text, evidence, showEvidence, label = 'Document excerpt' }: QuizExcerptProps) {
  const spans = showEvidence && evidence ? [{ start: evidence.start, end: evidence.end, field: 'evidence', ref: '' }] : [];
  return (
    <figure className="quiz-excerpt">
      <figcaption className="quiz-excerpt__label">{label}</figcaption>
      <pre className="quiz-excerpt__text">
        {highlightSegments(text, spans).map((segment, index) =>
          segment.fields.length ? (
            <mark key={index} title="Evidence for the answer">
              <span className="visually-hidden">[Evidence: </span>
              {segment.text}
              <span className="visually-hidden">]</span>
            </mark>
          ) : (
            segment.text
          ),
        )}
      </pre>
    </figure>
  );
}
