import {
  Alert,
  Box,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  Select,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.ts';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Sort key sent to the API; defaults to `key` when `sortable` is true. */
  sortable?: boolean;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  total?: number;
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  onSort?: (key: string, order: 'asc' | 'desc') => void;
  onPage?: (page: number) => void;
  onPageSize?: (size: number) => void;
  loading?: boolean;
  error?: unknown;
  empty: ReactNode;
  minWidth?: number;
  testId?: string;
}

function SortHeader({
  label,
  active,
  order,
  onClick,
  align,
}: {
  label: string;
  active: boolean;
  order?: 'asc' | 'desc';
  onClick: () => void;
  align?: 'left' | 'right' | 'center';
}) {
  const Icon = !active ? IconSelector : order === 'desc' ? IconChevronDown : IconChevronUp;
  return (
    <UnstyledButton
      onClick={onClick}
      w="100%"
      aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}
    >
      <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
        <Text
          fw={600}
          size="xs"
          c={active ? 'dark.7' : 'dark.3'}
          tt="uppercase"
          style={{ letterSpacing: '0.03em' }}
        >
          {label}
        </Text>
        <Icon
          size={13}
          stroke={1.8}
          color={active ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-5)'}
        />
      </Group>
    </UnstyledButton>
  );
}

/**
 * A compact table over one page of server data: sortable headers, "1–50 of 312",
 * pagination and page size. Paging and sorting are the server's job; this only asks.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, total = 0, page = 1, pageSize = 50, sort, order = 'asc' } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  if (props.error) {
    return (
      <Alert color="red" title="Could not load this list">
        {props.error instanceof Error ? props.error.message : String(props.error)}
      </Alert>
    );
  }

  const isEmpty = rows !== undefined && rows.length === 0;

  return (
    <Paper withBorder radius="sm" pos="relative" data-testid={props.testId}>
      <LoadingOverlay
        visible={!!props.loading}
        overlayProps={{ blur: 0, backgroundOpacity: 0.4 }}
        loaderProps={{ size: 'sm' }}
      />
      {isEmpty ? (
        <Box py="xl" px="md">
          {props.empty}
        </Box>
      ) : (
        <Table.ScrollContainer minWidth={props.minWidth ?? 720} type="native">
          <Table
            striped
            highlightOnHover
            verticalSpacing={5}
            horizontalSpacing="xs"
            fz="sm"
            stickyHeader
            styles={{ thead: { background: 'var(--mantine-color-gray-0)' }, td: { whiteSpace: 'nowrap' } }}
          >
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} w={c.width} ta={c.align}>
                    {c.sortable && props.onSort ? (
                      <SortHeader
                        label={c.header}
                        align={c.align}
                        active={sort === c.key}
                        order={order}
                        onClick={() =>
                          props.onSort!(c.key, sort === c.key && order === 'asc' ? 'desc' : 'asc')
                        }
                      />
                    ) : (
                      <Text fw={600} size="xs" c="dark.3" tt="uppercase" style={{ letterSpacing: '0.03em' }}>
                        {c.header}
                      </Text>
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rows ?? []).map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.key} ta={c.align}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              {rows === undefined && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length} h={120} />
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {props.onPage && total > 0 && (
        <Group
          justify="space-between"
          px="sm"
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Text size="xs" c="dimmed" data-testid="table-range">
            {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
          </Text>
          <Group gap="sm">
            {props.onPageSize && (
              <Select
                size="xs"
                w={110}
                data={['10', '25', '50', '100'].map((v) => ({ value: v, label: `${v} / page` }))}
                value={String(pageSize)}
                onChange={(v) => v && props.onPageSize!(Number(v))}
                allowDeselect={false}
                aria-label="Rows per page"
              />
            )}
            {pages > 1 && (
              <Pagination size="sm" total={pages} value={page} onChange={props.onPage} siblings={1} />
            )}
          </Group>
        </Group>
      )}
    </Paper>
  );
}
