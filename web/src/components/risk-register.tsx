import {
  Badge,
  Button,
  EmptyState,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconX } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useList } from '../api/queries.ts';
import { RISK_STATUSES, type Risk } from '../api/risk-types.ts';
import { useHeatMap, useRiskCategories } from '../api/risks.ts';
import type { ListParams } from '../api/types.ts';
import { formatDate, humanize } from '../lib/format.ts';
import { type Column, DataTable } from './data-table.tsx';
import { EntitySelect } from './entity-select.tsx';
import { AnchorLink } from './links.tsx';
import { SearchInput } from './list-controls.tsx';
import { LevelLabel, ScoreBadge } from './risk-badges.tsx';
import { type Cell, RiskHeatMap } from './risk-heat-map.tsx';

const columns: Column<Risk>[] = [
  {
    key: 'reference',
    header: 'Ref',
    sortable: true,
    width: 70,
    render: (r) => (
      <AnchorLink to="/risks/$id" params={{ id: r.id }} size="sm" fw={600}>
        R-{r.reference}
      </AnchorLink>
    ),
  },
  {
    key: 'title',
    header: 'Risk',
    sortable: true,
    render: (r) => (
      <div>
        <AnchorLink to="/risks/$id" params={{ id: r.id }} size="sm" c="dark.7">
          {r.title}
        </AnchorLink>
        {r.kind === 'opportunity' && (
          <Badge ml={6} size="xs" color="teal" variant="light">
            Opportunity
          </Badge>
        )}
        {r.projectNames.length > 1 && (
          <Text size="xs" c="dimmed">
            Shared by {r.projectNames.map((name) => name.split(' ')[0]).join(', ')}
          </Text>
        )}
      </div>
    ),
  },
  {
    key: 'level',
    header: 'Register',
    render: (r) => (
      <LevelLabel
        scopeType={r.scopeType}
        scopeName={r.scopeName}
        originScopeName={r.originScopeName}
        escalated={r.escalationLevel > 0}
      />
    ),
  },
  {
    key: 'score',
    header: 'Score',
    sortable: true,
    align: 'center',
    render: (r) => (
      <>
        <ScoreBadge score={r.score} band={r.band} />
        {r.residualScore !== null && (
          <Text size="xs" c="dimmed" title="Residual score, after the response">
            → {r.residualScore}
          </Text>
        )}
      </>
    ),
  },
  { key: 'strategy', header: 'Response', render: (r) => humanize(r.strategy) || '—' },
  { key: 'ownerName', header: 'Owner', render: (r) => r.ownerName ?? '—' },
  { key: 'proximity', header: 'Proximity', sortable: true, render: (r) => formatDate(r.proximity) },
  { key: 'status', header: 'Status', sortable: true, render: (r) => humanize(r.status) },
];

/** The risk register with its filters and heat map; `scope` narrows it to a project, program or portfolio. */
export function RiskRegister({
  scope,
  showHeatMap = true,
  aside,
}: {
  scope?: ListParams;
  showHeatMap?: boolean;
  /** Shown beside the heat map. */
  aside?: ReactNode;
}) {
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [escalated, setEscalated] = useState<string | null>(null);
  const [minScore, setMinScore] = useState<number | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const categories = useRiskCategories();
  const [residual, setResidual] = useState(false);
  const [cell, setCell] = useState<Cell | null>(null);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort?: string; order?: 'asc' | 'desc' }>({});
  const filters: ListParams = {
    ...scope,
    q,
    status: status ?? undefined,
    kind: kind ?? undefined,
    escalated: escalated ?? undefined,
    minScore: minScore ?? undefined,
    categoryId: categoryId ?? undefined,
    ownerId: ownerId ?? undefined,
    residual: residual ? 'true' : undefined,
  };
  const map = useHeatMap(filters);
  const list = useList('risks', {
    ...filters,
    ...(cell ?? {}),
    ...sort,
    page,
    pageSize: 25,
  });
  const reset = (apply: () => void) => {
    apply();
    setPage(1);
  };
  const register = (
    <>
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <Group gap="xs">
          <SearchInput value={q} onChange={(v) => reset(() => setQ(v))} placeholder="Search risks…" />
          <Select
            size="xs"
            w={130}
            placeholder="Status"
            aria-label="Status"
            clearable
            data={RISK_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={(v) => reset(() => setStatus(v))}
          />
          <Select
            size="xs"
            w={130}
            placeholder="Kind"
            aria-label="Kind"
            clearable
            data={[
              { value: 'threat', label: 'Threats' },
              { value: 'opportunity', label: 'Opportunities' },
            ]}
            value={kind}
            onChange={(v) => reset(() => setKind(v))}
          />
          <Select
            size="xs"
            w={140}
            placeholder="Escalation"
            aria-label="Escalation"
            clearable
            data={[
              { value: 'true', label: 'Escalated' },
              { value: 'false', label: 'Not escalated' },
            ]}
            value={escalated}
            onChange={(v) => reset(() => setEscalated(v))}
          />
          <NumberInput
            size="xs"
            w={110}
            placeholder="Min score"
            aria-label="Minimum score"
            min={0}
            value={minScore ?? ''}
            onChange={(v) => reset(() => setMinScore(v === '' ? null : Number(v)))}
          />
          <Select
            size="xs"
            w={170}
            placeholder="Category"
            aria-label="Category"
            clearable
            searchable
            data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            value={categoryId}
            onChange={(v) => reset(() => setCategoryId(v))}
          />
          <EntitySelect
            collection="users"
            size="xs"
            w={170}
            placeholder="Owner"
            aria-label="Owner"
            clearable
            value={ownerId}
            onChange={(v) => reset(() => setOwnerId(v))}
          />
          {cell && (
            <Button
              size="xs"
              variant="light"
              rightSection={<IconX size={12} />}
              onClick={() => reset(() => setCell(null))}
              data-testid="clear-cell"
            >
              Cell P{cell.probabilityLevel} × I{cell.impactLevel}
            </Button>
          )}
        </Group>
      </Paper>
      <DataTable
        testId="risks-table"
        columns={columns}
        rows={list.data?.items}
        rowKey={(r) => r.id}
        total={list.data?.total}
        page={page}
        pageSize={25}
        onPage={setPage}
        sort={sort.sort ?? 'score'}
        order={sort.order ?? 'desc'}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        loading={list.isFetching && !list.isLoading}
        error={list.error}
        minWidth={980}
        empty={
          <EmptyState
            icon={<IconAlertTriangle />}
            title="No risk matches"
            description="Raise a risk, or loosen the filters and the selected cell."
          />
        }
      />
    </>
  );
  if (!showHeatMap) return register;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <RiskHeatMap
          map={map.data}
          selected={cell}
          onSelect={(c) => reset(() => setCell(c))}
          residual={residual}
          onResidual={(r) => reset(() => setResidual(r))}
        />
        {aside}
      </SimpleGrid>
      <div>{register}</div>
    </Stack>
  );
}
