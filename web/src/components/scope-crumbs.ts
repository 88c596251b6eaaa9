import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useMe } from '../api/queries.ts';
import type { BusinessUnit } from '../api/types.ts';
import type { Crumb } from './page-header.tsx';

/** The chain of business units from the top level down to `id` (a few small requests, cached). */
export function useBusinessUnitPath(id: string | null | undefined) {
  return useQuery({
    queryKey: ['business-units', 'path', id ?? ''],
    enabled: !!id,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const chain: BusinessUnit[] = [];
      let next: string | null = id ?? null;
      const seen = new Set<string>();
      // Guard against a cycle in bad data: a breadcrumb must never hang the page.
      while (next && !seen.has(next) && chain.length < 12) {
        seen.add(next);
        const { data } = await api.get('business-units', next, signal);
        chain.unshift(data);
        next = data.parentId;
      }
      return chain;
    },
  });
}

/**
 * Breadcrumbs for the scope path: organization › business unit(s) › portfolio › program ›
 * project. Pass what the page knows; the last entry is the current page (no link). Also
 * returns the business-unit chain (nearest last), which decides what a unit-level grant covers.
 */
export function useScopeCrumbs(scope: {
  businessUnitId?: string | null;
  portfolio?: { id: string; name: string } | null;
  program?: { id: string; name: string } | null;
  current?: string;
}): { crumbs: Crumb[]; businessUnitIds: string[] } {
  const org = useMe().data?.org.name ?? 'Organization';
  const path = useBusinessUnitPath(scope.businessUnitId).data ?? [];
  const crumbs: Crumb[] = [{ label: org, to: '/' }];
  for (const bu of path) crumbs.push({ label: bu.name, to: `/business-units/${bu.id}` });
  if (scope.portfolio) crumbs.push({ label: scope.portfolio.name, to: `/portfolios/${scope.portfolio.id}` });
  if (scope.program) crumbs.push({ label: scope.program.name, to: `/programs/${scope.program.id}` });
  if (scope.current) crumbs.push({ label: scope.current });
  return { crumbs, businessUnitIds: path.map((bu) => bu.id) };
}
