import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useItem, useList } from '../api/queries.ts';
import type { CollectionName, Collections, ListParams } from '../api/types.ts';

type Labeled = { id: string; name?: string; email?: string; code?: string; title?: string };

function labelOf(c: CollectionName, row: Labeled): string {
  if (c === 'users') return row.name ? `${row.name}` : (row.email ?? row.id);
  if (c === 'business-units' && row.code) return `${row.name} (${row.code})`;
  return row.name ?? row.title ?? row.id;
}

/**
 * A searchable select whose options come from the API (first 50 matches of the typed
 * text), always including the current value even when it is not on the first page.
 */
export function EntitySelect({
  collection,
  value,
  onChange,
  params: extra,
  currentLabel,
  ...rest
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  collection: CollectionName;
  value: string | null;
  onChange: (value: string | null, label?: string) => void;
  params?: ListParams;
  /** The label the caller already knows for `value` (e.g. `managerName`), to avoid a fetch. */
  currentLabel?: string | null;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [typing, setTyping] = useState(false);
  const params: ListParams = {
    pageSize: 50,
    sort: 'name',
    order: 'asc',
    q: typing ? debounced || undefined : undefined,
    ...extra,
  };
  const list = useList(collection, params, !rest.disabled);
  const needCurrent = !!value && !currentLabel && !list.data?.items.some((r) => r.id === value);
  const current = useItem(collection, needCurrent ? value : null);

  const data = useMemo(() => {
    const rows = (list.data?.items ?? []) as Collections[CollectionName][] as Labeled[];
    const opts = rows.map((r) => ({ value: r.id, label: labelOf(collection, r) }));
    if (value && !opts.some((o) => o.value === value)) {
      const label = currentLabel ?? (current.data ? labelOf(collection, current.data.data as Labeled) : '…');
      opts.unshift({ value, label });
    }
    return opts;
  }, [list.data, value, currentLabel, current.data, collection]);

  return (
    <Select
      searchable
      clearable={!rest.required}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No matches'}
      {...rest}
      data={data}
      value={value}
      onChange={(v, option) => {
        setTyping(false);
        onChange(v, option?.label);
      }}
      onSearchChange={(s) => {
        setSearch(s);
        // Mantine sets the search text to the selected label; only real typing should filter.
        setTyping(!data.some((o) => o.label === s));
      }}
    />
  );
}
