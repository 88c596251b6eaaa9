import type { Database } from '../db/connection.ts';

/**
 * Dashboards computed before, per database, keyed by what they were computed from: the organization's
 * dashboard epoch (moved by triggers, at commit, with every change to the figures, projects or
 * structure; see migration 0012), the reader's visibility and the query. A key with an old epoch is
 * never asked for again and ages out, so an entry is either true or unreachable, on any number of
 * app servers. ORRERY_DASHBOARD_CACHE=0 turns it off (benchmarks compare both).
 */
const MAX_ENTRIES = 256;
const caches = new WeakMap<Database, Map<string, unknown>>();

export const dashboardCacheEnabled = () => process.env.ORRERY_DASHBOARD_CACHE !== '0';

export function cachedValue<T>(db: Database, key: string): T | undefined {
  const cache = caches.get(db);
  const value = cache?.get(key);
  if (cache && value !== undefined) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(key);
    cache.set(key, value);
  }
  return value as T | undefined;
}

export function storeValue(db: Database, key: string, value: unknown): void {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
}

const inFlight = new WeakMap<Database, Map<string, Promise<unknown>>>();

/** Runs `compute` once for concurrent callers with the same key; each of them gets its result or error. */
export function computeOnce<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  let running = inFlight.get(db);
  if (!running) {
    running = new Map();
    inFlight.set(db, running);
  }
  const pending = running.get(key);
  if (pending) return pending as Promise<T>;
  const started = compute().finally(() => running.delete(key));
  running.set(key, started);
  return started;
}
