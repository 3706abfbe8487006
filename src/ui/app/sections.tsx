import type { ComponentType } from 'react';
import type { Route } from './routes';
import { ChartViewerPage } from './chart-viewer-page';
import { lazyPage } from './lazy-page';

export interface SectionPageProps {
  route: Route;
  navigate: (hash: string) => void;
}

export interface AppSection {
  /** The first path segment of the hash: `#/chart`. */
  id: string;
  /** Name in the main navigation. */
  label: string;
  Page: ComponentType<SectionPageProps>;
  /** A page reached by links only (`#/exercise/<id>`): not listed, and it highlights `navId` in the navigation. */
  hidden?: boolean;
  navId?: string;
  /** The page keeps a learner's work: while nobody is chosen, "who's working?" is shown above it. */
  keepsWork?: boolean;
}

/**
 * The app's sections, in navigation order. Adding one (Exercises, Quizzes, Progress, Instructor)
 * is one entry here; the first entry is the home section.
 */
export const APP_SECTIONS: readonly [AppSection, ...AppSection[]] = [
  { id: 'chart', label: 'Chart viewer', Page: ChartViewerPage },
  { id: 'exercises', label: 'Exercises', Page: lazyPage(() => import('./exercises-page')), keepsWork: true },
  { id: 'exercise', label: 'Exercise', Page: lazyPage(() => import('./exercise-page')), hidden: true, navId: 'exercises', keepsWork: true },
  { id: 'quiz', label: 'Quizzes', Page: lazyPage(() => import('./quiz-page')), keepsWork: true },
  { id: 'progress', label: 'Progress', Page: lazyPage(() => import('./progress-page')), keepsWork: true },
  { id: 'learners', label: 'Learners', Page: lazyPage(() => import('./learners-page')), hidden: true },
  { id: 'storage', label: 'Storage', Page: lazyPage(() => import('./storage-page')), hidden: true },
  { id: 'import', label: 'Import', Page: lazyPage(() => import('./import-page')) },
  // Assignments (learner) and Instructor mode: src/ui/features/instructor, pages in ./assignments-page.tsx, ./instructor-page.tsx.
  { id: 'assignments', label: 'Assignments', Page: lazyPage(() => import('./assignments-page')), keepsWork: true },
  { id: 'assignment', label: 'Assignment', Page: lazyPage(() => import('./assignment-link-page')), hidden: true, navId: 'assignments' },
  { id: 'assignment-exercise', label: 'Assignment exercise', Page: lazyPage(() => import('./assignment-exercise-page')), hidden: true, navId: 'assignments', keepsWork: true },
  { id: 'instructor', label: 'Instructor', Page: lazyPage(() => import('./instructor-page')) },
];

export function sectionFor(id: string): AppSection {
  return APP_SECTIONS.find((s) => s.id === id) ?? APP_SECTIONS[0];
}
