import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findScormApi, ScormSession } from '@/lms/scorm-runtime';
import { PLAYER_DATA_GLOBAL, type PlayerData } from '@/lms/scorm-package';
import { ExerciseInputsContext } from '@/ui/components/exercise-inputs';
import '@/ui/styles.css';
import { packagedInputsLoader } from './packaged-bundles';
import { ScormPlayer } from './scorm-player';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const data = (window as unknown as Record<string, PlayerData | undefined>)[PLAYER_DATA_GLOBAL];
// One session per page load: LMSInitialize now, LMSFinish once (on Finish, or when the page goes).
const session = new ScormSession(findScormApi(window as never));

createRoot(container).render(
  <StrictMode>
    {data ? (
      // Scenarios on an imported chart get it from the package's own files.
      <ExerciseInputsContext value={packagedInputsLoader(data, (url, init) => fetch(url, init))}>
        <ScormPlayer data={data} session={session} />
      </ExerciseInputsContext>
    ) : (
      <p role="alert" className="notice notice--error">
        This package has no assignment data (assignment.js is missing). Rebuild it with npm run scorm.
      </p>
    )}
  </StrictMode>,
);
