import { useRef, type MouseEvent } from 'react';
import { useOptionalTrainerDB } from '@/db/db-context';
import { ExerciseInputsContext, type ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { AppNotices, HeaderLearner, LearnerPromptSlot } from './persistence-shell';
import { formatHash, useHashRoute } from './routes';
import { APP_SECTIONS, sectionFor } from './sections';

/**
 * The imported chart of a scenario that names a FHIR bundle (scenario-bundles.ts), loaded with the
 * first such exercise: scenarios on generated charts need nothing from it.
 */
const loadScenarioInputs: ExerciseInputsLoader = async (scenario, options) =>
  scenario.patients.bundle ? (await import('./scenario-bundles')).fetchScenarioInputs(scenario, options) : {};

export function App() {
  const [route, navigate] = useHashRoute();
  const section = sectionFor(route.section);
  const mainRef = useRef<HTMLElement>(null);
  // Present in the app (app-root.tsx); absent when a component test renders the shell alone.
  const storage = useOptionalTrainerDB();

  // The fragment holds the route, so the skip link moves focus itself instead of changing the hash.
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a className="brand" href={formatHash({ section: APP_SECTIONS[0].id })}>
            <svg className="brand__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <rect x="3" y="2" width="18" height="20" rx="3" />
              <path d="M12 7v8M8 11h8" />
            </svg>
            <span className="brand__name">ChartLab</span>
          </a>
          <nav className="app-nav" aria-label="Main">
            <ul>
              {APP_SECTIONS.filter((s) => !s.hidden).map((s) => (
                <li key={s.id}>
                  <a href={formatHash({ section: s.id })} aria-current={s.id === (section.navId ?? section.id) ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {storage && <HeaderLearner />}
        </div>
      </header>
      {storage && <AppNotices context={storage} />}
      <main id="main-content" ref={mainRef} tabIndex={-1} className="app-main">
        {storage && section.keepsWork && <LearnerPromptSlot />}
        {/* Exercises on scenarios that name a FHIR bundle get their imported chart from here. */}
        <ExerciseInputsContext value={loadScenarioInputs}>
          <section.Page route={route} navigate={navigate} />
        </ExerciseInputsContext>
      </main>
      <footer className="app-footer">
        <p>
          All patients are synthetic: generated from a seed, they describe no real person.
        </p>
        <p>
          This material contains content from LOINC® (<a href="https://loinc.org">loinc.org</a>). LOINC is copyright ©
          Regenstrief Institute, Inc. and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is
          available at no cost under the license at <a href="https://loinc.org/license">loinc.org/license</a>.
        </p>
      </footer>
    </div>
  );
}
