import { NumberInput, ScrollArea, Table, Text } from '@mantine/core';
import { type BudgetCell, COST_CATEGORIES, type CostCategory } from '../../api/finance.ts';
import { formatMoney, humanize } from '../../lib/format.ts';

/** Months `YYYY-MM` from one month to another, inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  while (`${y}-${String(m).padStart(2, '0')}` <= last && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const monthLabel = (period: string) =>
  new Date(`${period}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

/** The category column stays in view while the months scroll under it. */
const sticky = { position: 'sticky', left: 0, zIndex: 1, background: 'var(--mantine-color-body)' } as const;

export type CellValues = Record<string, number>;
export const cellKey = (category: CostCategory, period: string) => `${category} ${period}`;
export const toValues = (cells: readonly BudgetCell[]): CellValues =>
  Object.fromEntries(cells.map((c) => [cellKey(c.category, c.period), c.amount]));
export const toCells = (values: CellValues): BudgetCell[] =>
  Object.entries(values)
    .filter(([, amount]) => amount > 0)
    .map(([key, amount]) => {
      const [category, period] = key.split(' ');
      return { category: category as CostCategory, period, amount };
    });

/** Category × month amounts, editable cell by cell when `onChange` is given, with row and column totals. */
export function MoneyGrid({
  months,
  values,
  currency,
  onChange,
  errors = {},
  testId,
}: {
  months: string[];
  values: CellValues;
  currency: string;
  onChange?: (values: CellValues) => void;
  errors?: Record<string, string>;
  testId?: string;
}) {
  const amount = (c: CostCategory, p: string) => values[cellKey(c, p)] ?? 0;
  const total = months.reduce((s, p) => s + COST_CATEGORIES.reduce((t, c) => t + amount(c, p), 0), 0);
  return (
    <ScrollArea type="auto" data-testid={testId}>
      <Table withTableBorder withColumnBorders striped fz="xs" style={{ minWidth: 160 + months.length * 96 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={sticky}>Category</Table.Th>
            {months.map((p) => (
              <Table.Th key={p} ta="right">
                {monthLabel(p)}
              </Table.Th>
            ))}
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {COST_CATEGORIES.map((c) => (
            <Table.Tr key={c}>
              <Table.Td style={sticky}>{humanize(c)}</Table.Td>
              {months.map((p) => (
                <Table.Td key={p} ta="right" p={onChange ? 2 : undefined}>
                  {onChange ? (
                    <NumberInput
                      size="xs"
                      variant="unstyled"
                      hideControls
                      min={0}
                      thousandSeparator=","
                      value={amount(c, p) || ''}
                      error={errors[cellKey(c, p)]}
                      aria-label={`${humanize(c)} ${p}`}
                      data-cell={`${c}-${p}`}
                      styles={{ input: { textAlign: 'right' } }}
                      onChange={(v) =>
                        onChange({ ...values, [cellKey(c, p)]: typeof v === 'number' ? v : Number(v) || 0 })
                      }
                    />
                  ) : amount(c, p) ? (
                    formatMoney(amount(c, p), currency)
                  ) : (
                    <Text span c="dimmed" size="xs">
                      –
                    </Text>
                  )}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={600}>
                {formatMoney(
                  months.reduce((s, p) => s + amount(c, p), 0),
                  currency,
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={600} style={sticky}>
              Total
            </Table.Td>
            {months.map((p) => (
              <Table.Td key={p} ta="right" fw={600}>
                {formatMoney(
                  COST_CATEGORIES.reduce((s, c) => s + amount(c, p), 0),
                  currency,
                )}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700} data-testid={testId ? `${testId}-total` : undefined}>
              {formatMoney(total, currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
