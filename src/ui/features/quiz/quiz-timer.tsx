import { useEffect, useRef, useState } from 'react';
import { durationWords, formatClock } from '@/ui/components/exercise-format';

interface QuizTimerProps {
  /** Epoch milliseconds when the test ends. */
  deadline: number;
  limitMs: number;
  onTimeUp: () => void;
  /** The clock; tests pass their own. */
  now?: () => number;
}

/** Moments worth saying out loud, in milliseconds left; only those shorter than the limit are used. */
const MILESTONES_MS = [5 * 60_000, 60_000, 30_000] as const;

/** What the live region says with `leftMs` to go: it changes only at a milestone, so it is announced only then. */
export function milestoneMessage(leftMs: number, limitMs: number): string {
  if (leftMs <= 0) return 'Time is up. Your answers so far are being scored.';
  const passed = MILESTONES_MS.filter((m) => m < limitMs && leftMs <= m);
  const latest = passed[passed.length - 1];
  if (latest === undefined) return '';
  return `${durationWords(latest)} left.`;
}

/**
 * The countdown of a timed test. The clock itself is a `timer` (not live: a screen reader
 * would otherwise read it every second); a separate status line speaks at 5 minutes, 1 minute
 * and 30 seconds left and when time is up. The last minute turns to a warning, in words too.
 */
export function QuizTimer({ deadline, limitMs, onTimeUp, now = Date.now }: QuizTimerProps) {
  const [current, setCurrent] = useState(now);
  const upRef = useRef(false);
  const onTimeUpRef = useRef(onTimeUp);
  useEffect(() => {
    onTimeUpRef.current = onTimeUp;
  }, [onTimeUp]);

  useEffect(() => {
    const tick = () => {
      const t = now();
      setCurrent(t);
      if (t >= deadline && !upRef.current) {
        upRef.current = true;
        onTimeUpRef.current();
      }
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [deadline, now]);

  const leftMs = Math.max(0, deadline - current);
  const warning = leftMs <= Math.min(60_000, limitMs / 4);
  return (
    <div className={`exercise-timer quiz-timer${warning ? ' exercise-timer--warning' : ''}`}>
      <span className="exercise-timer__label">Time left</span>
      <span className="exercise-timer__clock" role="timer" aria-label={`Time left: ${durationWords(leftMs)}`}>
        {formatClock(Math.ceil(leftMs / 1000) * 1000)}
      </span>
      {warning && leftMs > 0 && (
        <span className="exercise-timer__flag">
          <span aria-hidden="true">⚠</span> Almost out of time
        </span>
      )}
      <span role="status" className="visually-hidden">
        {milestoneMessage(leftMs, limitMs)}
      </span>
    </div>
  );
}
