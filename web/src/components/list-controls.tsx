import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { ListParams } from '../api/types.ts';
import type { ListSearch } from '../lib/search.ts';

export const DEFAULT_PAGE_SIZE = 50;

/**
 * The list page's state lives in the URL (shareable, back-button friendly). Returns the
 * current search, the API parameters it implies, and setters that reset to page 1
 * whenever a filter changes.
 */
export function useListSearch(defaultSort: string, defaultOrder: 'asc' | 'desc' = 'asc') {
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();

  const set = (patch: Partial<ListSearch>, keepPage = false) =>
    navigate({
      to: '.',
      search: (prev: ListSearch) => {
        const next: ListSearch = { ...prev, ...patch };
        if (!keepPage) delete next.page;
        for (const k of Object.keys(next) as (keyof ListSearch)[]) {
          if (next[k] === undefined || next[k] === '' || next[k] === null) delete next[k];
        }
        return next;
      },
      replace: true,
    } as never);

  const { new: _new, ...filters } = search;
  const params: ListParams = {
    ...filters,
    page: search.page ?? 1,
    pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
    sort: search.sort ?? defaultSort,
    order: search.order ?? (search.sort ? 'asc' : defaultOrder),
  };

  return {
    search,
    params,
    set,
    tableProps: {
      page: params.page as number,
      pageSize: params.pageSize as number,
      sort: params.sort as string,
      order: params.order as 'asc' | 'desc',
      onSort: (sort: string, order: 'asc' | 'desc') => set({ sort, order }),
      onPage: (page: number) => set({ page }, true),
      onPageSize: (pageSize: number) => set({ pageSize }),
    },
  };
}

/** Text search that updates the URL a moment after typing stops. */
export function SearchInput({
  value,
  onChange,
  placeholder = 'Search…',
}: {
  value: string | undefined;
  onChange: (q: string | undefined) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const push = useDebouncedCallback((q: string) => onChange(q.trim() || undefined), 300);
  return (
    <TextInput
      size="xs"
      w={210}
      placeholder={placeholder}
      leftSection={<IconSearch size={14} />}
      value={text}
      aria-label="Search"
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            size="xs"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              onChange(undefined);
            }}
          />
        ) : null
      }
    />
  );
}
