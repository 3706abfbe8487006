import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findScormApi, ScormSession } from '@/lms/scorm-runtime';
import { PLAYER_DATA_GLOBAL, type PlayerData } from '@/lms/scorm-package';
import '@/ui/styles.css';
import { ScormPlayer } from './scorm-player';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const data = (window as unknown as Record<string, PlayerData | undefined>)[PLAYER_DATA_GLOBAL];
// One session per page load: LMSInitialize now, LMSFinish once (on Finish, or when the page goes).
const session = new ScormSession(findScormApi(window as never));

createRoot(container).render(
  <StrictMode>
    {data ? (
      <ScormPlayer data={data} session={session} />
    ) : (
      <p role="alert" className="notice notice--error">
        This package has no assignment data (assignment.js is missing). Rebuild it with npm run scorm.
      </p>
    )}
  </StrictMode>,
);
