import { Button, Group, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Page } from '../api/types.ts';
import { DataTable, type DataTableProps } from './data-table.tsx';

/** The header's "New …" button of a list page; the page decides whether the user may create. */
export function NewItemButton({
  label,
  testId,
  onClick,
}: {
  label: string;
  testId?: string;
  onClick: () => void;
}) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

/** The strip of search box and filters above a list page's table. */
export function ListFilterBar({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="xs" mb="sm">
      <Group gap="xs">{children}</Group>
    </Paper>
  );
}

/**
 * A table showing one server page of a list query. The loading overlay shows only while a
 * page is refetched: on the first load there is nothing under it to cover yet.
 */
export function ListQueryTable<T extends { id: string }>({
  list,
  ...table
}: Omit<DataTableProps<T>, 'rows' | 'rowKey' | 'total' | 'loading' | 'error'> & {
  list: UseQueryResult<Page<T>>;
}) {
  return (
    <DataTable
      rows={list.data?.items}
      rowKey={(row) => row.id}
      total={list.data?.total}
      loading={list.isFetching && !list.isLoading}
      error={list.error}
      {...table}
    />
  );
}
