import { Box, Table, Text, Tooltip } from '@mantine/core';
import type { CapacityReport } from '../../api/resource-types.ts';

export interface CellRef {
  key: string;
  label: string;
  period: number;
}

/** Load as a share of capacity; demand with no capacity at all counts as over. */
export function loadShare(demand: number, capacity: number): number {
  if (capacity <= 0) return demand > 0 ? Number.POSITIVE_INFINITY : 0;
  return demand / capacity;
}

/** Empty is white; up to full load deepens from green to amber; over-allocated is red. */
function colourOf(share: number, over: boolean): { background: string; color: string } {
  if (over || share > 1.001) return { background: 'var(--mantine-color-red-6)', color: 'white' };
  if (share <= 0) return { background: 'transparent', color: 'var(--mantine-color-dimmed)' };
  if (share < 0.5) return { background: 'var(--mantine-color-teal-1)', color: 'inherit' };
  if (share < 0.8) return { background: 'var(--mantine-color-teal-3)', color: 'inherit' };
  return { background: 'var(--mantine-color-yellow-4)', color: 'inherit' };
}

const shortDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/** Rows × periods, each cell the load in per cent; a click opens what makes up the cell. */
export function CapacityHeatmap({
  report,
  onOpen,
}: {
  report: CapacityReport;
  onOpen: (cell: CellRef) => void;
}) {
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table
        data-testid="capacity-heatmap"
        withTableBorder
        withColumnBorders
        fz="xs"
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>
              {report.groupBy === 'business_unit' ? 'business unit' : report.groupBy}
            </Table.Th>
            {report.periods.map((start) => (
              <Table.Th key={start} w={44} ta="center" fw={500}>
                {shortDate(start)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row, r) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                <Text size="xs" fw={500} truncate>
                  {row.label}
                </Text>
                {report.groupBy !== 'resource' && (
                  <Text size="xs" c="dimmed">
                    {row.resourceCount} resources
                  </Text>
                )}
              </Table.Td>
              {report.periods.map((start, p) => {
                const share = loadShare(row.demandHours[p], row.capacityHours[p]);
                const over = row.overAllocated[p];
                const colour = colourOf(share, over);
                return (
                  <Tooltip
                    key={start}
                    label={`${row.demandHours[p]} h of ${row.capacityHours[p]} h${row.softHours[p] ? ` (+${row.softHours[p]} h soft)` : ''}`}
                    openDelay={300}
                  >
                    <Table.Td
                      data-testid={`cell-${r}-${p}`}
                      data-over={over ? 'true' : undefined}
                      ta="center"
                      p={2}
                      style={{ ...colour, cursor: 'pointer' }}
                      onClick={() => onOpen({ key: row.key, label: row.label, period: p })}
                    >
                      {Number.isFinite(share) ? (share > 0 ? Math.round(share * 100) : '') : '∞'}
                    </Table.Td>
                  </Tooltip>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
