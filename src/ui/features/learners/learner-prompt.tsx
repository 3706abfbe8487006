import { useId, useState, type ReactNode } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { createLearner, setActiveLearner } from '@/db/learner-repo';
import { useActiveLearner, useLearners } from '@/db/use-learners';
import { LearnerNameForm } from './learner-name-form';

interface LearnerPromptProps {
  /** Shown under the form, e.g. "Import a progress file" (the app composes it). */
  extra?: ReactNode;
  /** Said under the heading: what choosing a profile is for on this page. */
  context?: string;
}

/**
 * Shown at the top of the pages that keep work while nobody is chosen. First run: a friendly
 * "what's your name?"; later: "who's working?" with everyone on this computer. It never blocks
 * the page: work started before choosing is kept on screen and saved to the profile chosen.
 */
export function LearnerPrompt({ extra, context }: LearnerPromptProps) {
  const db = useTrainerDB();
  const active = useActiveLearner();
  const learners = useLearners();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  if (active !== null || learners === undefined) return null;

  const create = async (name: string) => {
    const learner = await createLearner(db, name);
    await setActiveLearner(db, learner.id);
  };

  const firstRun = learners.length === 0;
  return (
    <section className="learner-prompt card" aria-labelledby={headingId}>
      <div className="learner-prompt__intro">
        <h2 id={headingId}>{firstRun ? 'Welcome to ChartLab' : 'Who is working?'}</h2>
        <p>
          {firstRun
            ? 'Tell ChartLab your name so it can keep your exercises, scores and progress on this computer. There is no password; several learners can share this computer, each with their own profile.'
            : 'Choose your profile so your work is saved under your name.'}{' '}
          {context}
        </p>
      </div>
      {!firstRun && (
        <ul className="learner-prompt__people" aria-label="Learners on this computer">
          {learners.map((learner) => (
            <li key={learner.id}>
              <button type="button" className="button" onClick={() => void setActiveLearner(db, learner.id)}>
                {learner.name}
              </button>
            </li>
          ))}
          {!adding && (
            <li>
              <button type="button" className="button button--quiet" onClick={() => setAdding(true)}>
                I&rsquo;m new here
              </button>
            </li>
          )}
        </ul>
      )}
      {(firstRun || adding) && (
        <LearnerNameForm
          label="Your name"
          submitLabel={firstRun ? 'Create my profile' : 'Create and start'}
          onSubmit={create}
          focusOnMount={adding}
          {...(adding ? { onCancel: () => setAdding(false) } : {})}
        />
      )}
      {extra && <div className="learner-prompt__extra">{extra}</div>}
    </section>
  );
}
