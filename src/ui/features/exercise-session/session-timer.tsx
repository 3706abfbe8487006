import { useEffect } from 'react';
import { useAppStore } from '@/store/app-store';
import { durationWords, formatClock } from '@/ui/components/exercise-format';

/** How often the clock advances. */
const TICK_MS = 1000;

/** When the countdown turns to a warning: the last 5 minutes, or the last quarter of a short limit. */
export function warningThresholdMs(limitMs: number): number {
  return Math.min(5 * 60_000, limitMs / 4);
}

/** Whether this page is on screen (a hidden tab doesn't count as working time). */
function pageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/**
 * Advance the exercise clock while the exercise is being worked on and the page is on screen:
 * time in a background tab is not working time (records.ts: Attempt.elapsedMs), and two tabs
 * open on one exercise don't both count the same minutes.
 */
export function useExerciseClock(running: boolean): void {
  const tick = useAppStore((s) => s.tickExercise);
  useEffect(() => {
    if (!running) return;
    // Add the real time between ticks (timers are throttled in background tabs), not 1 s per tick.
    let last = performance.now();
    let visible = pageVisible();
    const advance = () => {
      const now = performance.now();
      if (visible) tick(now - last);
      last = now;
    };
    const timer = setInterval(advance, TICK_MS);
    const onVisibility = () => {
      advance();
      visible = pageVisible();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      advance();
    };
  }, [running, tick]);
}

interface SessionTimerProps {
  limitMinutes: number | undefined;
  submitted: boolean;
}

/** True once a time limit has run out (re-renders only when that changes). */
export function useTimeUp(limitMinutes: number | undefined): boolean {
  return useAppStore((s) => limitMinutes !== undefined && s.exercise.elapsedMs >= limitMinutes * 60_000);
}

/** Says time is up and offers to submit; the answers stay as they are. */
export function TimeUpNotice({ onSubmitRequest }: { onSubmitRequest: () => void }) {
  return (
    <div role="alert" className="notice notice--warning exercise-time-up">
      <p>
        <strong>Time is up.</strong> Your answers are kept and you can still change them; submit when you are ready.
      </p>
      <button type="button" className="button button--primary" onClick={onSubmitRequest}>
        Submit now
      </button>
    </div>
  );
}

/**
 * Counts up, or down when the scenario has a time limit. Near the end it turns to a warning
 * (announced once); past zero it counts the time over. It never takes the work away: the session
 * shows TimeUpNotice and the learner decides when to submit.
 */
export function SessionTimer({ limitMinutes, submitted }: SessionTimerProps) {
  const elapsedMs = useAppStore((s) => s.exercise.elapsedMs);
  if (limitMinutes === undefined) {
    return (
      <div className="exercise-timer">
        <span className="exercise-timer__label">{submitted ? 'Time taken' : 'Time spent'}</span>
        <span className="exercise-timer__clock" role="timer" aria-label={`Time spent: ${durationWords(elapsedMs)}`}>
          {formatClock(elapsedMs)}
        </span>
      </div>
    );
  }
  const limitMs = limitMinutes * 60_000;
  const leftMs = limitMs - elapsedMs;
  const up = leftMs <= 0;
  const warning = !up && leftMs <= warningThresholdMs(limitMs);
  const phase = up ? 'up' : warning ? 'warning' : 'ok';
  const warnMinutes = Math.ceil(warningThresholdMs(limitMs) / 60_000);

  return (
    <div className={`exercise-timer exercise-timer--${phase}`}>
      {submitted ? (
        <>
          <span className="exercise-timer__label">Time taken</span>
          <span className="exercise-timer__clock">{formatClock(elapsedMs)}</span>
          <span className="muted">of {limitMinutes} min</span>
        </>
      ) : (
        <>
          <span className="exercise-timer__label">{up ? 'Over time' : 'Time left'}</span>
          <span
            className="exercise-timer__clock"
            role="timer"
            aria-label={up ? `Over time by ${durationWords(-leftMs)}` : `Time left: ${durationWords(leftMs)}`}
          >
            {up && <span aria-hidden="true">+</span>}
            {formatClock(Math.abs(leftMs))}
          </span>
          {warning && (
            <span className="exercise-timer__flag">
              <span aria-hidden="true">⚠</span> Under {warnMinutes} min
            </span>
          )}
        </>
      )}
      {/* Announced once when the phase changes, not every second. */}
      <span role="status" className="visually-hidden">
        {!submitted && warning ? `Less than ${warnMinutes} minutes left.` : ''}
      </span>
    </div>
  );
}
