import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/<section>?<params>`. The fragment keeps the app a static site (no server
 * rewrites) and will carry assignment links later, e.g. `#/chart?seed=42`.
 */
export interface Route {
  section: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);
  const query = queryAt === -1 ? '' : body.slice(queryAt + 1);
  return { section: path.replace(/^\/+/, '').split('/')[0] ?? '', params: new URLSearchParams(query) };
}

export function formatHash(route: { section: string; params?: URLSearchParams }): string {
  const query = route.params?.toString() ?? '';
  return `#/${route.section}${query ? `?${query}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function useHashRoute(): [Route, (hash: string) => void] {
  const hash = useSyncExternalStore(subscribe, readHash, () => '');
  const route = useMemo(() => parseHash(hash), [hash]);
  const navigate = useCallback((next: string) => {
    if (next !== window.location.hash) window.location.hash = next;
  }, []);
  return [route, navigate];
}
