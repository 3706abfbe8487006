import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/<section>?<params>`. The fragment keeps the app a static site (no server
 * rewrites) and will carry assignment links later, e.g. `#/chart?seed=42`.
 */
export interface Route {
  section: string;
  /** The second path segment, when there is one: the scenario of `#/exercise/<id>`. */
  id?: string;
  /** Further path segments, decoded: `#/progress/attempt/<id>` has id `attempt` and rest `[<id>]`. */
  rest?: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);
  const query = queryAt === -1 ? '' : body.slice(queryAt + 1);
  const [section = '', id, ...rest] = path.replace(/^\/+/, '').split('/');
  const route: Route = { section, params: new URLSearchParams(query) };
  if (id) route.id = safeDecode(id);
  const more = rest.filter(Boolean).map(safeDecode);
  if (more.length) route.rest = more;
  return route;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function formatHash(route: { section: string; id?: string; rest?: string[]; params?: URLSearchParams }): string {
  const query = route.params?.toString() ?? '';
  const more = route.id ? (route.rest ?? []).map((segment) => `/${encodeURIComponent(segment)}`).join('') : '';
  return `#/${route.section}${route.id ? `/${encodeURIComponent(route.id)}` : ''}${more}${query ? `?${query}` : ''}`;
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
