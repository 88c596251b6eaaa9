import { Paper, Table, Text } from '@mantine/core';
import type { Dashboard, DashboardFilters, DashboardScope, HealthKey } from '../../api/dashboard.ts';
import { STAGES } from '../../api/types.ts';
import { humanize } from '../../lib/format.ts';
import { FigureLink, type OpenFigure } from './figure-link.tsx';

const ROWS: Array<{ health: HealthKey; label: string; color: string }> = [
  { health: 'red', label: 'Red', color: 'var(--mantine-color-red-6)' },
  { health: 'amber', label: 'Amber', color: 'var(--mantine-color-yellow-5)' },
  { health: 'green', label: 'Green', color: 'var(--mantine-color-green-6)' },
  { health: 'none', label: 'Not rated', color: 'var(--mantine-color-gray-4)' },
];

/** Health × stage: how many projects sit in each cell, each cell opening its projects. */
export function RagMatrix({
  cells,
  scope,
  filters,
  open,
}: {
  cells: Dashboard['ragMatrix'];
  scope: DashboardScope;
  filters: DashboardFilters;
  open: OpenFigure;
}) {
  const stages = STAGES.filter((stage) => cells.some((cell) => cell.stage === stage));
  const count = (health: HealthKey, stage: string) =>
    cells.find((cell) => cell.health === health && cell.stage === stage)?.projects ?? 0;
  const max = Math.max(1, ...cells.map((cell) => cell.projects));
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="rag-matrix">
      <Text fw={600} size="sm" mb={6}>
        RAG by stage
      </Text>
      <Table.ScrollContainer minWidth={520} type="native">
        <Table fz="xs" withColumnBorders={false} verticalSpacing={4} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {stages.map((stage) => (
                <Table.Th key={stage} ta="center">
                  {humanize(stage)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map((row) => (
              <Table.Tr key={row.health}>
                <Table.Td>
                  <FigureLink
                    figure={`health:${row.health}`}
                    label={`${row.label} projects`}
                    scope={scope}
                    filters={filters}
                    open={open}
                  >
                    <Text span size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      <span
                        style={{
                          display: 'inline-block',
                          width: 10,
                          height: 10,
                          borderRadius: 5,
                          background: row.color,
                          marginRight: 6,
                        }}
                      />
                      {row.label}
                    </Text>
                  </FigureLink>
                </Table.Td>
                {stages.map((stage) => {
                  const n = count(row.health, stage);
                  return (
                    <Table.Td
                      key={stage}
                      ta="center"
                      style={{
                        background: n
                          ? `color-mix(in srgb, ${row.color} ${Math.round(15 + (60 * n) / max)}%, transparent)`
                          : undefined,
                      }}
                    >
                      {n ? (
                        <FigureLink
                          figure={`cell:${row.health}:${stage}`}
                          label={`${row.label} projects in ${humanize(stage).toLowerCase()}`}
                          scope={scope}
                          filters={filters}
                          open={open}
                          testId={`rag-${row.health}-${stage}`}
                        >
                          {n}
                        </FigureLink>
                      ) : (
                        <Text span c="dimmed" size="sm">
                          ·
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
