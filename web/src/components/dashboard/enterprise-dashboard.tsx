import { Alert, Button, Grid, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconFilterOff } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type DashboardFilters,
  type DashboardScope,
  dashboardEndpoints,
  type FigureRef,
  type HealthKey,
  useDashboard,
} from '../../api/dashboard.ts';
import { STAGES, type Stage } from '../../api/types.ts';
import { usePermissions } from '../../auth/use-permissions.ts';
import { formatDate, humanize } from '../../lib/format.ts';
import { EntitySelect } from '../entity-select.tsx';
import { AnchorLink } from '../links.tsx';
import { PageLoader } from '../route-states.tsx';
import { LateReportsCard } from '../status/late-reports-card.tsx';
import { ContributorsDrawer } from './contributors-drawer.tsx';
import { BurnChart, ProgramTimeline, SCurveChart } from './dashboard-charts.tsx';
import { DashboardKpis } from './dashboard-kpis.tsx';
import { ChildrenTable, DashboardProjectsTable } from './dashboard-tables.tsx';
import { RagMatrix } from './rag-matrix.tsx';

const HEALTH_OPTIONS: Array<{ value: HealthKey; label: string }> = [
  { value: 'red', label: 'Red' },
  { value: 'amber', label: 'Amber' },
  { value: 'green', label: 'Green' },
  { value: 'none', label: 'Not rated' },
];

function Filters({
  scope,
  filters,
  onChange,
}: {
  scope: DashboardScope;
  filters: DashboardFilters;
  onChange: (filters: DashboardFilters) => void;
}) {
  const set = (key: keyof DashboardFilters) => (value: string | null) =>
    onChange({ ...filters, [key]: value ?? undefined });
  const narrowerThan = (level: DashboardScope['scopeType']) => {
    const order = ['organization', 'business_unit', 'portfolio', 'program'];
    return order.indexOf(scope.scopeType) < order.indexOf(level);
  };
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="dashboard-filters">
      {narrowerThan('business_unit') && (
        <EntitySelect
          collection="business-units"
          label="Business unit"
          value={filters.businessUnitId ?? null}
          onChange={set('businessUnitId')}
          clearable
          size="xs"
          w={190}
        />
      )}
      {narrowerThan('portfolio') && (
        <EntitySelect
          collection="portfolios"
          label="Portfolio"
          value={filters.portfolioId ?? null}
          onChange={set('portfolioId')}
          clearable
          size="xs"
          w={190}
        />
      )}
      {narrowerThan('program') && (
        <EntitySelect
          collection="programs"
          label="Program"
          value={filters.programId ?? null}
          onChange={set('programId')}
          params={filters.portfolioId ? { portfolioId: filters.portfolioId } : undefined}
          clearable
          size="xs"
          w={190}
        />
      )}
      <Select
        label="Stage"
        data={STAGES.map((stage) => ({ value: stage, label: humanize(stage) }))}
        value={filters.stage ?? null}
        onChange={(value) => onChange({ ...filters, stage: (value as Stage | null) ?? undefined })}
        clearable
        size="xs"
        w={140}
      />
      <Select
        label="Health"
        data={HEALTH_OPTIONS}
        value={filters.health ?? null}
        onChange={(value) => onChange({ ...filters, health: (value as HealthKey | null) ?? undefined })}
        clearable
        size="xs"
        w={130}
      />
      <EntitySelect
        collection="users"
        label="Manager"
        value={filters.managerId ?? null}
        onChange={set('managerId')}
        clearable
        size="xs"
        w={190}
      />
      {Object.values(filters).some(Boolean) && (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({})}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

/**
 * The enterprise view of a scope: filters, KPIs, RAG matrix, burn and S-curves, program timeline,
 * next-level roll-ups and the projects, each figure opening the projects that make it.
 */
export function EnterpriseDashboard({ scope }: { scope: DashboardScope }) {
  const { currency } = usePermissions();
  const [filters, setFilters] = useState<DashboardFilters>({});
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('-eac');
  const [figure, setFigure] = useState<FigureRef | null>(null);
  const query = useDashboard({ ...scope, ...filters, page, pageSize: 20, sort });
  const changeFilters = (next: DashboardFilters) => {
    setFilters(next);
    setPage(1);
  };
  const data = query.data;
  return (
    <Stack gap="md" data-testid="enterprise-dashboard">
      <Group justify="space-between" align="flex-end">
        <Filters scope={scope} filters={filters} onChange={changeFilters} />
        <Button
          component="a"
          href={dashboardEndpoints.exportUrl({ ...scope, ...filters })}
          variant="light"
          size="xs"
          leftSection={<IconDownload size={14} />}
          data-testid="export-xlsx"
        >
          Export XLSX
        </Button>
      </Group>
      {query.error ? (
        <Alert color="red" title="Could not load the dashboard">
          {query.error instanceof Error ? query.error.message : String(query.error)}
        </Alert>
      ) : !data ? (
        <PageLoader />
      ) : (
        <>
          <Text size="xs" c="dimmed">
            Figures as of {formatDate(data.asOf)}, over the {humanize(data.scope.type).toLowerCase()}{' '}
            {data.scope.name}
            {Object.keys(data.filters).length > 0 ? ' (filtered)' : ''}; click any number for the projects
            behind it.
          </Text>
          <DashboardKpis
            kpis={data.kpis}
            scope={scope}
            filters={filters}
            currency={currency}
            open={setFigure}
          />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <RagMatrix cells={data.ragMatrix} scope={scope} filters={filters} open={setFigure} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Paper withBorder radius="sm" p="sm" h="100%">
                <Text fw={600} size="sm" mb={6}>
                  Next milestones
                </Text>
                {data.nextMilestones.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No milestone ahead.
                  </Text>
                ) : (
                  <Table fz="sm" verticalSpacing={3}>
                    <Table.Tbody>
                      {data.nextMilestones.map((m) => (
                        <Table.Tr key={m.taskId}>
                          <Table.Td w={100} style={{ whiteSpace: 'nowrap' }}>
                            {formatDate(m.date)}
                          </Table.Td>
                          <Table.Td>{m.name}</Table.Td>
                          <Table.Td>
                            <AnchorLink to="/projects/$id" params={{ id: m.projectId }} size="sm">
                              {m.projectCode}
                            </AnchorLink>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Paper>
            </Grid.Col>
          </Grid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            <BurnChart
              burn={data.burn}
              currency={currency}
              onPick={(month, key, label) =>
                setFigure({ figure: `month:${month}:${key}`, label, scope, filters })
              }
            />
            <SCurveChart
              sCurve={data.sCurve}
              currency={currency}
              asOf={data.asOf}
              onPick={(month, key, label) =>
                setFigure({ figure: `upto:${month}:${key}`, label, scope, filters })
              }
            />
          </SimpleGrid>
          {scope.scopeType !== 'program' && (
            <ProgramTimeline timeline={data.programTimeline} currency={currency} />
          )}
          <LateReportsCard scope={scope} />
          <ChildrenTable dashboard={data} filters={filters} currency={currency} open={setFigure} />
          <div>
            <Text fw={600} size="sm" mb={6}>
              Projects
            </Text>
            <DashboardProjectsTable
              dashboard={data}
              scope={scope}
              currency={currency}
              sort={sort}
              onSort={(next) => {
                setSort(next);
                setPage(1);
              }}
              onPage={setPage}
              loading={query.isFetching}
            />
          </div>
        </>
      )}
      <ContributorsDrawer figure={figure} currency={currency} onClose={() => setFigure(null)} />
    </Stack>
  );
}
