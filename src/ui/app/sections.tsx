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
}

/**
 * The app's sections, in navigation order. Adding one (Exercises, Quizzes, Progress, Instructor)
 * is one entry here; the first entry is the home section.
 */
export const APP_SECTIONS: readonly [AppSection, ...AppSection[]] = [
  { id: 'chart', label: 'Chart viewer', Page: ChartViewerPage },
  { id: 'exercises', label: 'Exercises', Page: lazyPage(() => import('./exercises-page')) },
  { id: 'exercise', label: 'Exercise', Page: lazyPage(() => import('./exercise-page')), hidden: true, navId: 'exercises' },
  { id: 'import', label: 'Import', Page: lazyPage(() => import('./import-page')) },
];

export function sectionFor(id: string): AppSection {
  return APP_SECTIONS.find((s) => s.id === id) ?? APP_SECTIONS[0];
}
