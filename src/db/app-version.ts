import { version } from '../../package.json';

/**
 * The app's version, stamped on every attempt and export so a record can always be traced to the
 * build that wrote it. Vite tree-shakes named JSON imports, so only this string is bundled.
 */
export const APP_VERSION: string = version;
