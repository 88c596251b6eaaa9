import {
  Alert,
  Badge,
  Card,
  EmptyState,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconBriefcase,
  IconCircleCheck,
  IconListDetails,
  IconPlus,
  IconSitemap,
  IconStack2,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useList } from '../api/queries.ts';
import { type CollectionName, type ListParams, STAGES } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { DataTable } from '../components/data-table.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TopRisks } from '../components/top-risks.tsx';
import { formatNumber, humanize, STAGE_COLORS } from '../lib/format.ts';
import { projectColumns } from './projects-page.tsx';

/** How many rows match: one page of size 1, read for its total. */
function useCount(collection: CollectionName, filters: ListParams = {}) {
  const q = useList(collection, { ...filters, page: 1, pageSize: 1 });
  return q.data?.total;
}

function StatCard({
  label,
  value,
  to,
  icon: Icon,
}: {
  label: string;
  value: number | undefined;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number; color?: string }>;
}) {
  return (
    <Card withBorder radius="sm" padding="sm">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.03em' }}>
            {label}
          </Text>
          <Text fz={26} fw={650} lh={1.2} data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}>
            {value === undefined ? '–' : formatNumber(value)}
          </Text>
        </div>
        <Icon size={28} stroke={1.4} color="var(--mantine-color-orrery-4)" />
      </Group>
      <AnchorLink to={to} size="xs" mt={4}>
        View all
      </AnchorLink>
    </Card>
  );
}

function HealthSummary() {
  const total = useCount('projects');
  const green = useCount('projects', { health: 'green' });
  const amber = useCount('projects', { health: 'amber' });
  const red = useCount('projects', { health: 'red' });
  const known = total !== undefined && green !== undefined && amber !== undefined && red !== undefined;
  const unrated = known ? Math.max(0, total - green - amber - red) : undefined;
  const pct = (n: number | undefined) => (total && n !== undefined ? (100 * n) / total : 0);
  const rows = [
    { key: 'green', label: 'Green', color: 'green.6', n: green },
    { key: 'amber', label: 'Amber', color: 'yellow.5', n: amber },
    { key: 'red', label: 'Red', color: 'red.6', n: red },
    { key: 'none', label: 'Not rated', color: 'gray.4', n: unrated },
  ];
  return (
    <Paper withBorder radius="sm" p="sm">
      <Text fw={600} size="sm" mb={8}>
        Health (RAG) across all projects
      </Text>
      <Progress.Root size={18} radius="sm">
        {rows.map((r) => (
          <Tooltip key={r.key} label={`${r.label}: ${r.n ?? '–'}`}>
            <Progress.Section value={pct(r.n)} color={r.color} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="md" mt={8}>
        {rows.map((r) => (
          <Group key={r.key} gap={6}>
            <Badge color={r.color} size="xs" circle>
              {' '}
            </Badge>
            <Text size="xs">
              {r.label} <b>{r.n ?? '–'}</b>
            </Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}

function StageCount({ stage }: { stage: (typeof STAGES)[number] }) {
  const n = useCount('projects', { stage });
  return (
    <AnchorLink to="/projects" search={{ stage }} underline="never">
      <Stack gap={0} align="center" px={6}>
        <Text fz={20} fw={650} c={n ? `${STAGE_COLORS[stage]}.7` : 'gray.5'}>
          {n ?? '–'}
        </Text>
        <Text size="xs" c="dimmed">
          {humanize(stage)}
        </Text>
      </Stack>
    </AnchorLink>
  );
}

export function OverviewPage() {
  const { me, can, currency } = usePermissions();
  const attention = useList('projects', { health: 'red', sort: 'priority', order: 'desc', pageSize: 10 });
  return (
    <>
      <PageHeader
        title={me?.org.name ?? 'Organization'}
        subtitle="The enterprise view: every project you can see, by health and stage."
        actions={
          can('project.create') && (
            <ButtonLink to="/projects" search={{ new: true }} leftSection={<IconPlus size={16} />}>
              New project
            </ButtonLink>
          )
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <StatCard
            label="Business units"
            value={useCount('business-units')}
            to="/business-units"
            icon={IconSitemap}
          />
          <StatCard label="Portfolios" value={useCount('portfolios')} to="/portfolios" icon={IconBriefcase} />
          <StatCard label="Programs" value={useCount('programs')} to="/programs" icon={IconStack2} />
          <StatCard label="Projects" value={useCount('projects')} to="/projects" icon={IconListDetails} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
          <HealthSummary />
          <Paper withBorder radius="sm" p="sm">
            <Text fw={600} size="sm" mb={8}>
              Projects by stage
            </Text>
            <Group justify="space-between" gap={4} wrap="wrap">
              {STAGES.map((s) => (
                <StageCount key={s} stage={s} />
              ))}
            </Group>
          </Paper>
        </SimpleGrid>
        <div>
          <Group justify="space-between" mb={6}>
            <Text fw={600} size="sm">
              Red projects, highest priority first
            </Text>
            <AnchorLink to="/projects" search={{ health: 'red', sort: 'priority', order: 'desc' }} size="xs">
              See all red projects
            </AnchorLink>
          </Group>
          <DataTable
            testId="attention-table"
            columns={projectColumns(currency, ['programName', 'health'])}
            rows={attention.data?.items}
            rowKey={(p) => p.id}
            error={attention.error}
            minWidth={800}
            empty={
              <EmptyState
                icon={<IconCircleCheck />}
                color="green"
                title="No project is red"
                description="Projects whose health is set to red appear here, highest priority first."
              />
            }
          />
        </div>
        <TopRisks />
        {me && me.grants.length === 0 && (
          <Alert color="gray" title="You have no role yet">
            Ask your PMO administrator to grant you a role on a business unit, portfolio, program or project.
          </Alert>
        )}
      </Stack>
    </>
  );
}
