import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import type { AuditEntityType, CollectionName, ListParams } from './types.ts';

export const keys = {
  me: ['me'] as const,
  all: (c: CollectionName) => [c] as const,
  list: (c: CollectionName, params?: ListParams) => [c, 'list', params ?? {}] as const,
  item: (c: CollectionName, id: string) => [c, 'item', id] as const,
  audit: (t: AuditEntityType, id: string) => ['audit', t, id] as const,
  projectObjectives: (id: string) => ['projects', 'objectives', id] as const,
  projectMembers: (id: string) => ['projects', 'members', id] as const,
};

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: ({ signal }) => endpoints.me(signal), staleTime: 60_000 });
}

/** One page of a collection; keeps the previous page on screen while the next one loads. */
export function useList<C extends CollectionName>(collection: C, params?: ListParams, enabled = true) {
  return useQuery({
    queryKey: keys.list(collection, params),
    queryFn: ({ signal }) => api.list(collection, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useItem<C extends CollectionName>(collection: C, id: string | null | undefined) {
  return useQuery({
    queryKey: keys.item(collection, id ?? ''),
    queryFn: ({ signal }) => api.get(collection, id!, signal),
    enabled: !!id,
  });
}

export function useAudit(entityType: AuditEntityType, id: string) {
  return useQuery({
    queryKey: keys.audit(entityType, id),
    queryFn: ({ signal }) => endpoints.audit(entityType, id, signal),
  });
}

/** Invalidate everything cached for the given collections (lists, items) and audit trails. */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...collections: CollectionName[]) =>
    Promise.all([
      ...collections.map((c) => qc.invalidateQueries({ queryKey: keys.all(c) })),
      qc.invalidateQueries({ queryKey: ['audit'] }),
    ]);
}

export function useRemove(collection: CollectionName, also: CollectionName[] = []) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: string | number }) =>
      api.remove(collection, id, version),
    onSuccess: () => invalidate(collection, ...also),
  });
}
