import type { ComponentType } from 'react';
import type { Route } from './routes';
import { ChartViewerPage } from './chart-viewer-page';

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
}

/**
 * The app's sections, in navigation order. Adding one (Exercises, Quizzes, Progress, Instructor)
 * is one entry here; the first entry is the home section.
 */
export const APP_SECTIONS: readonly [AppSection, ...AppSection[]] = [{ id: 'chart', label: 'Chart viewer', Page: ChartViewerPage }];

export function sectionFor(id: string): AppSection {
  return APP_SECTIONS.find((s) => s.id === id) ?? APP_SECTIONS[0];
}
