import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { BusinessUnit } from './types.ts';

const PAGE = 100;
const MAX_PAGES = 20;

/**
 * Every business unit, page by page: the tree needs them all, and an organization has tens
 * to a few hundred (capped at 2,000 so a runaway list cannot hang the browser).
 */
export function useAllBusinessUnits() {
  return useQuery({
    queryKey: ['business-units', 'all'],
    queryFn: async ({ signal }) => {
      const items: BusinessUnit[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const res = await api.list(
          'business-units',
          { page, pageSize: PAGE, sort: 'name', order: 'asc' },
          signal,
        );
        items.push(...res.items);
        if (items.length >= res.total || res.items.length === 0) break;
      }
      return items;
    },
  });
}

export interface TreeRow {
  unit: BusinessUnit;
  depth: number;
  childCount: number;
}

/** Depth-first order with depth; orphans (parent not visible) are shown as roots. */
export function toTreeRows(units: BusinessUnit[], collapsed: ReadonlySet<string>): TreeRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, BusinessUnit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      rows.push({ unit: u, depth, childCount: children.get(u.id)?.length ?? 0 });
      if (!collapsed.has(u.id)) walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}
