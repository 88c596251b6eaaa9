import {
  Badge,
  Button,
  Checkbox,
  EmptyState,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChartDots3, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useComparison } from '../api/intake.ts';
import type { Comparison } from '../api/intake-types.ts';
import { useList } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { ComparisonCostChart } from '../components/intake/portfolio-charts.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { ScenarioForm } from '../forms/scenario-form.tsx';
import { formatMoney, humanize } from '../lib/format.ts';

export const METHOD_LABELS: Record<string, string> = {
  exact: 'Exact (optimal)',
  'branch-and-bound-limit': 'Branch and bound, stopped at its limit',
  heuristic: 'Heuristic',
};

function ComparisonTable({ comparison, currency }: { comparison: Comparison; currency: string }) {
  const objectives = [
    ...new Map(
      comparison.scenarios.flatMap((s) => s.objectivesCovered.map((o) => [o.objectiveId, o.name])),
    ).entries(),
  ];
  const roles = [
    ...new Map(
      comparison.scenarios.flatMap((s) => s.capacityUse.map((c) => [c.roleId, c.roleName])),
    ).entries(),
  ];
  return (
    <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={6} data-testid="comparison-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={220} />
          {comparison.scenarios.map((s) => (
            <Table.Th key={s.id}>
              {s.name}{' '}
              {s.status === 'promoted' && (
                <Badge size="xs" color="teal">
                  Promoted
                </Badge>
              )}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td fw={600}>Total score</Table.Td>
          {comparison.scenarios.map((s) => (
            <Table.Td key={s.id} fw={700}>
              {s.optimized ? s.totalScore.toFixed(1) : 'not optimized'}
            </Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Td fw={600}>Method · gap</Table.Td>
          {comparison.scenarios.map((s) => (
            <Table.Td key={s.id}>
              {s.method ? `${humanize(s.method)} · ${((s.gap ?? 0) * 100).toFixed(2)}%` : '—'}
            </Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Td fw={600}>Candidates chosen</Table.Td>
          {comparison.scenarios.map((s) => (
            <Table.Td key={s.id}>{s.selectedCount}</Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Td fw={600}>Total cost</Table.Td>
          {comparison.scenarios.map((s) => (
            <Table.Td key={s.id}>{formatMoney(s.totalCost, currency)}</Table.Td>
          ))}
        </Table.Tr>
        {roles.map(([roleId, name]) => (
          <Table.Tr key={roleId}>
            <Table.Td fw={600}>Peak use of {name}</Table.Td>
            {comparison.scenarios.map((s) => {
              const use = s.capacityUse.find((c) => c.roleId === roleId);
              return (
                <Table.Td key={s.id}>
                  {use?.peakPercent == null ? (
                    '—'
                  ) : (
                    <Group gap={6} wrap="nowrap">
                      <Progress
                        value={Math.min(use.peakPercent, 100)}
                        w={80}
                        color={use.peakPercent > 90 ? 'orange' : 'blue'}
                      />
                      <Text size="xs">{Math.round(use.peakPercent)}%</Text>
                    </Group>
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
        {objectives.map(([objectiveId, name]) => (
          <Table.Tr key={objectiveId}>
            <Table.Td fw={600}>Objective: {name}</Table.Td>
            {comparison.scenarios.map((s) => {
              const covered = s.objectivesCovered.find((o) => o.objectiveId === objectiveId);
              return (
                <Table.Td key={s.id}>
                  {covered ? (
                    <Badge size="sm" color="teal" variant="light">
                      {covered.candidates} chosen
                    </Badge>
                  ) : (
                    <Badge size="sm" color="red" variant="light">
                      not covered
                    </Badge>
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Scenarios: saved selections with their limits; tick two to four to compare them side by side. */
export function ScenariosPage() {
  const { can, currency } = usePermissions();
  const navigate = useNavigate();
  const list = useList('scenarios', { pageSize: 200, sort: 'name' });
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const comparison = useComparison(picked);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= 4 ? p : [...p, id]));
  const rows = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Scenarios' }]}
        title="Portfolio scenarios"
        subtitle="Choose the candidates that give the most score under budget and capacity; compare the choices; promote one to the plan"
        actions={
          can('scenario.manage') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-scenario"
            >
              New scenario
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="sm" p="xs">
          {rows.length === 0 ? (
            <EmptyState
              icon={<IconChartDots3 />}
              title="No scenario yet"
              description="Create one with a budget per month and the capacity you can give."
            />
          ) : (
            <Table highlightOnHover verticalSpacing={6} fz="sm" data-testid="scenarios-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>Compare</Table.Th>
                  <Table.Th>Scenario</Table.Th>
                  <Table.Th>Portfolio</Table.Th>
                  <Table.Th>Horizon</Table.Th>
                  <Table.Th ta="right">Score</Table.Th>
                  <Table.Th>Method</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Compare ${s.name}`}
                        checked={picked.includes(s.id)}
                        onChange={() => toggle(s.id)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/scenarios/$id" params={{ id: s.id }} fw={500} size="sm">
                        {s.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{s.portfolioName ?? 'Whole organization'}</Table.Td>
                    <Table.Td>
                      {s.horizonStart.slice(0, 7)} · {s.periods} months
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {s.result ? s.result.totalScore.toFixed(1) : '—'}
                    </Table.Td>
                    <Table.Td>{s.result ? METHOD_LABELS[s.result.method] : 'not optimized'}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" color={s.status === 'promoted' ? 'teal' : 'gray'} variant="light">
                        {humanize(s.status)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder radius="sm" p="sm">
          <Title order={5} mb="xs">
            Side by side
          </Title>
          {picked.length < 2 ? (
            <Text size="sm" c="dimmed">
              Tick two to four scenarios above to compare score, cost per month, capacity use and objectives
              covered.
            </Text>
          ) : comparison.data ? (
            <Stack gap="sm">
              <ComparisonTable comparison={comparison.data} currency={currency} />
              <ComparisonCostChart comparison={comparison.data} currency={currency} />
            </Stack>
          ) : (
            <ProblemAlert error={comparison.error} />
          )}
        </Paper>
      </Stack>
      {creating && (
        <ScenarioForm
          opened
          onClose={() => setCreating(false)}
          onSaved={(s) => s && navigate({ to: '/scenarios/$id', params: { id: s.id } })}
        />
      )}
    </>
  );
}
