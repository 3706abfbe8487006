import { useId, useState } from 'react';
import { DIFFICULTIES, SKILL_DOMAIN_LABELS, SKILL_DOMAINS, type Difficulty, type Scenario, type TaskKind } from '@/domain/scenario/scenario-schema';
import { DIFFICULTY_LABELS, percent, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { filterScenarios, hasFilters, NO_FILTERS, type LibraryFilters } from './library-filters';

const TASK_KINDS = Object.keys(TASK_KIND_LABELS) as TaskKind[];

/** A scenario file that did not load (the same shape as the app's catalog errors). */
export interface LibraryFileError {
  file: string;
  issues: { field: string | null; message: string }[];
}

export interface ExerciseInProgress {
  title: string;
  seed: number;
  href: string;
  submitted: boolean;
  /** Set when the work is an item of this assignment (the link then opens the item's page). */
  assignmentTitle?: string;
}

interface ScenarioLibraryProps {
  scenarios: readonly Scenario[];
  errors: readonly LibraryFileError[];
  /** The link that opens a scenario at a seed. */
  hrefFor: (scenario: Scenario, seed: number) => string;
  /** Open the scenario at another seed of its range. */
  onNewVariant: (scenario: Scenario) => void;
  /** Whether the app has a workspace for the task kind yet. */
  isAvailable: (kind: TaskKind) => boolean;
  inProgress?: ExerciseInProgress | null;
  /** The link back to saved work on a scenario (the learner's draft), which turns "Start" into "Resume". */
  resumeHrefFor?: (scenario: Scenario) => string | undefined;
}

/**
 * The exercise library: every scenario as a card, grouped by skill domain, with a search box and
 * filters for domain, difficulty and kind of task. Files that failed to load are shown as error
 * cards naming the file, the field and what was expected; the rest of the library still works.
 */
export function ScenarioLibrary({ scenarios, errors, hrefFor, onNewVariant, isAvailable, inProgress, resumeHrefFor }: ScenarioLibraryProps) {
  const id = useId();
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const shown = filterScenarios(scenarios, filters);
  const set = (patch: Partial<LibraryFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const countBy = (predicate: (s: Scenario) => boolean) => scenarios.filter(predicate).length;
  const groups = SKILL_DOMAINS.map((domain) => ({ domain, items: shown.filter((s) => s.domain === domain) })).filter((g) => g.items.length > 0);

  return (
    <div className="page library">
      <header className="library__head">
        <h1>Exercises</h1>
        <p className="muted">
          Each exercise gives you synthetic charts to work on. Submit to get a score and feedback that points at the evidence in the
          source documents.
        </p>
      </header>

      {inProgress && (
        <div className="notice notice--info library__resume">
          <p>
            {inProgress.submitted ? 'Your last result: ' : 'You have an exercise in progress: '}
            <strong>{inProgress.title}</strong> (seed <span className="mono">{inProgress.seed}</span>)
            {inProgress.assignmentTitle !== undefined && (
              <>
                , for the assignment <strong>{inProgress.assignmentTitle}</strong>
              </>
            )}
            .
          </p>
          <a className="button button--small" href={inProgress.href}>
            {inProgress.submitted ? 'See the result' : 'Resume'}
          </a>
        </div>
      )}

      {errors.length > 0 && (
        <section className="library__errors" aria-labelledby={`${id}-errors`}>
          <h2 id={`${id}-errors`}>
            {errors.length === 1 ? 'A scenario file could not be loaded' : `${errors.length} scenario files could not be loaded`}
          </h2>
          <ul className="library-grid">
            {errors.map((error) => (
              <li key={error.file}>
                <article className="scenario-card scenario-card--error card" aria-labelledby={`${id}-error-${error.file}`}>
                  <p className="scenario-card__tags">
                    <span className="tag tag--error">
                      <span aria-hidden="true">✗</span> Invalid file
                    </span>
                  </p>
                  <h3 id={`${id}-error-${error.file}`} className="mono">
                    {error.file}
                  </h3>
                  <p>This scenario is left out of the library until the file is fixed:</p>
                  <ul className="scenario-card__issues">
                    {error.issues.map((issue, index) => (
                      <li key={index}>
                        {issue.field && (
                          <>
                            <code>{issue.field}</code>:{' '}
                          </>
                        )}
                        {issue.message}
                      </li>
                    ))}
                  </ul>
                </article>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form role="search" aria-label="Filter exercises" className="library-filters card" onSubmit={(event) => event.preventDefault()}>
        <div className="field library-filters__search">
          <label htmlFor={`${id}-query`}>Search</label>
          <input id={`${id}-query`} type="search" value={filters.query} placeholder="Title, objective or topic" onChange={(e) => set({ query: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-domain`}>Skill domain</label>
          <select id={`${id}-domain`} value={filters.domain} onChange={(e) => set({ domain: e.target.value as LibraryFilters['domain'] })}>
            <option value="">All domains</option>
            {SKILL_DOMAINS.filter((d) => countBy((s) => s.domain === d) > 0).map((d) => (
              <option key={d} value={d}>
                {SKILL_DOMAIN_LABELS[d]} ({countBy((s) => s.domain === d)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-difficulty`}>Difficulty</label>
          <select id={`${id}-difficulty`} value={filters.difficulty} onChange={(e) => set({ difficulty: e.target.value as LibraryFilters['difficulty'] })}>
            <option value="">All levels</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {DIFFICULTY_LABELS[d]} ({countBy((s) => s.difficulty === d)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Task</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(e) => set({ kind: e.target.value as LibraryFilters['kind'] })}>
            <option value="">All tasks</option>
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {TASK_KIND_LABELS[k]} ({countBy((s) => s.task.kind === k)})
              </option>
            ))}
          </select>
        </div>
        <div className="library-filters__actions">
          <button type="button" className="button" disabled={!hasFilters(filters)} onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
      </form>

      <p role="status" className="library__count">
        Showing {shown.length} of {scenarios.length} {scenarios.length === 1 ? 'exercise' : 'exercises'}
      </p>

      {groups.length === 0 ? (
        <div className="card empty-state">
          <h2>No exercises match</h2>
          <p>Try fewer words or another filter.</p>
          <button type="button" className="button" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
      ) : (
        groups.map(({ domain, items }) => (
          <section key={domain} className="library__group" aria-labelledby={`${id}-group-${domain}`}>
            <h2 id={`${id}-group-${domain}`}>
              {SKILL_DOMAIN_LABELS[domain]} <span className="count">{items.length}</span>
            </h2>
            <ul className="library-grid">
              {items.map((scenario) => (
                <li key={scenario.id}>
                  <ScenarioCard
                    scenario={scenario}
                    href={hrefFor(scenario, scenario.patients.seed)}
                    resumeHref={resumeHrefFor?.(scenario)}
                    available={isAvailable(scenario.task.kind)}
                    onNewVariant={scenario.patients.seedRange ? () => onNewVariant(scenario) : undefined}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

const DIFFICULTY_DOTS: Record<Difficulty, number> = { intro: 1, intermediate: 2, advanced: 3 };

interface ScenarioCardProps {
  scenario: Scenario;
  href: string;
  resumeHref?: string | undefined;
  available: boolean;
  onNewVariant?: () => void;
}

function ScenarioCard({ scenario, href, resumeHref, available, onNewVariant }: ScenarioCardProps) {
  const titleId = useId();
  const dots = DIFFICULTY_DOTS[scenario.difficulty];
  return (
    <article className="scenario-card card" aria-labelledby={titleId}>
      <p className="scenario-card__tags">
        <span className={`tag tag--kind tag--${scenario.task.kind}`}>{TASK_KIND_LABELS[scenario.task.kind]}</span>
        <span className="tag tag--difficulty">
          <span className="difficulty-dots" aria-hidden="true">
            {[1, 2, 3].map((n) => (
              <span key={n} className={n <= dots ? 'difficulty-dots__on' : 'difficulty-dots__off'} />
            ))}
          </span>
          {DIFFICULTY_LABELS[scenario.difficulty]}
        </span>
        {scenario.patients.bundle && <span className="tag tag--imported">Imported chart</span>}
      </p>
      <h3 id={titleId} className="scenario-card__title">
        {scenario.title}
      </h3>
      <p className="scenario-card__summary">{scenario.summary}</p>
      <div className="scenario-card__objectives">
        <p className="scenario-card__label">Objectives</p>
        <ul>
          {scenario.learningObjectives.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      </div>
      <dl className="scenario-card__facts">
        <div>
          <dt>Time limit</dt>
          <dd>{scenario.timeLimitMinutes ? `${scenario.timeLimitMinutes} min` : 'None'}</dd>
        </div>
        <div>
          <dt>Pass mark</dt>
          <dd>{percent(scenario.passingScore)}</dd>
        </div>
        {scenario.patients.bundle ? (
          <div>
            <dt>Chart</dt>
            <dd>
              Imported from FHIR (<span className="mono">{scenario.patients.bundle.slice(scenario.patients.bundle.lastIndexOf('/') + 1)}</span>)
            </dd>
          </div>
        ) : (
          <div>
            <dt>Seed</dt>
            <dd className="mono">{scenario.patients.seed}</dd>
          </div>
        )}
      </dl>
      {!available && <p className="scenario-card__soon">The workspace for this task is not available yet.</p>}
      <div className="scenario-card__actions">
        {resumeHref ? (
          <a className="button button--primary" href={resumeHref}>
            Resume <span className="visually-hidden">{scenario.title}</span>
          </a>
        ) : (
          <a className="button button--primary" href={href}>
            Start <span className="visually-hidden">{scenario.title}</span>
          </a>
        )}
        {onNewVariant && (
          <button type="button" className="button" onClick={onNewVariant}>
            New variant <span className="visually-hidden">of {scenario.title}</span>
          </button>
        )}
      </div>
    </article>
  );
}
