import { ActionIcon, NumberInput, ScrollArea, Table, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** `count` month keys ("2027-03-01") from `start`. */
export function monthsFrom(start: string, count: number): string[] {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, k) => {
    const m = month + k;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  });
}

const shortMonth = (key: string) =>
  new Date(`${key}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

export interface GridRow {
  key: string;
  label: ReactNode;
  values: (number | null)[];
}

/**
 * Rows × months of numbers (cost by category, hours by role): one compact input per cell, a
 * total per row. Empty cells are zero.
 */
export function MonthGrid({
  months,
  rows,
  onChange,
  onRemove,
  unit,
  testId,
}: {
  months: string[];
  rows: GridRow[];
  onChange: (rowKey: string, index: number, value: number | null) => void;
  onRemove?: (rowKey: string) => void;
  unit?: string;
  testId?: string;
}) {
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid={testId}>
      <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={4} fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={130}>{unit ?? ''}</Table.Th>
            {months.map((m) => (
              <Table.Th key={m} ta="center" miw={76}>
                {shortMonth(m)}
              </Table.Th>
            ))}
            <Table.Th ta="right" miw={80}>
              Total
            </Table.Th>
            {onRemove && <Table.Th w={28} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              {months.map((m, k) => (
                <Table.Td key={m} p={0}>
                  <NumberInput
                    size="xs"
                    variant="unstyled"
                    hideControls
                    min={0}
                    thousandSeparator=","
                    aria-label={`${typeof row.label === 'string' ? row.label : row.key} ${m}`}
                    value={row.values[k] ?? ''}
                    onChange={(v) => onChange(row.key, k, v === '' ? null : Number(v))}
                    styles={{ input: { textAlign: 'right', paddingRight: 6 } }}
                  />
                </Table.Td>
              ))}
              <Table.Td ta="right">
                <Text size="xs" fw={600}>
                  {row.values.reduce<number>((s, v) => s + (v ?? 0), 0).toLocaleString()}
                </Text>
              </Table.Td>
              {onRemove && (
                <Table.Td>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label="Remove row"
                    onClick={() => onRemove(row.key)}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
