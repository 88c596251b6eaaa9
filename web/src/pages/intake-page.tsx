import {
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { IconBulb, IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useRanking } from '../api/intake.ts';
import type { Proposal, ProposalStatus } from '../api/intake-types.ts';
import { useList } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { RankingTable } from '../components/intake/ranking-table.tsx';
import { ScoringModels } from '../components/intake/scoring-models.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProposalForm } from '../forms/proposal-form.tsx';
import { formatMoney } from '../lib/format.ts';

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_triage: 'In triage',
  accepted: 'Accepted',
  rejected: 'Rejected',
  deferred: 'Deferred',
};
export const STATUS_COLORS: Record<ProposalStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_triage: 'violet',
  accepted: 'teal',
  rejected: 'red',
  deferred: 'yellow',
};
const BOARD: ProposalStatus[] = ['draft', 'submitted', 'in_triage', 'accepted', 'deferred', 'rejected'];

function ProposalCard({
  proposal,
  percent,
  currency,
}: {
  proposal: Proposal;
  percent?: number;
  currency: string;
}) {
  return (
    <Card withBorder radius="sm" padding="xs" data-testid={`proposal-card-${proposal.code}`}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={600}>
          {proposal.code}
        </Text>
        {percent !== undefined && (
          <Badge size="xs" variant="light" color={percent >= 70 ? 'teal' : 'blue'}>
            {Math.round(percent)}%
          </Badge>
        )}
      </Group>
      <AnchorLink to="/intake/$id" params={{ id: proposal.id }} size="sm" fw={600} lineClamp={2}>
        {proposal.title}
      </AnchorLink>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {proposal.portfolioName}
      </Text>
      <Group justify="space-between" mt={4}>
        <Text size="xs" fw={500}>
          {formatMoney(proposal.totalCost, currency, true)}
        </Text>
        {proposal.projectId && (
          <Badge size="xs" color="teal" variant="outline">
            Project
          </Badge>
        )}
      </Group>
    </Card>
  );
}

/** Intake: the proposals board by status, and the ranking under the active scoring model. */
export function IntakePage() {
  const { can, currency } = usePermissions();
  const navigate = useNavigate();
  const [portfolioId, setPortfolioId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useList('proposals', { pageSize: 500, sort: 'code', portfolioId });
  const models = useList('scoring-models', { pageSize: 100 });
  const active = models.data?.items.find((m) => m.active);
  const ranking = useRanking(active?.id);
  const percentOf = useMemo(
    () => new Map((ranking.data?.items ?? []).map((i) => [i.candidateId, i.percent])),
    [ranking.data],
  );
  const byStatus = (status: ProposalStatus) => (list.data?.items ?? []).filter((p) => p.status === status);

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Intake' }]}
        title="Project intake"
        subtitle="Proposals with their business case, from draft through the PMO's triage, and how they rank"
        actions={
          can('proposal.submit') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-proposal"
            >
              New proposal
            </Button>
          )
        }
      />
      <Tabs defaultValue="board" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="board">Board</Tabs.Tab>
          <Tabs.Tab value="ranking" data-testid="ranking-tab">
            Ranking{active ? ` · ${active.name}` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="models" data-testid="models-tab">
            Scoring models
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board">
          <Paper withBorder radius="sm" p="xs" mb="sm">
            <EntitySelect
              size="xs"
              w={260}
              collection="portfolios"
              placeholder="Every portfolio"
              clearable
              aria-label="Portfolio"
              value={portfolioId}
              onChange={setPortfolioId}
            />
          </Paper>
          <ScrollArea type="auto" offsetScrollbars>
            <SimpleGrid cols={6} spacing="sm" miw={1100} data-testid="intake-board">
              {BOARD.map((status) => (
                <Paper
                  key={status}
                  withBorder
                  radius="sm"
                  p="xs"
                  bg="gray.0"
                  data-testid={`column-${status}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Badge color={STATUS_COLORS[status]} variant="light">
                      {STATUS_LABELS[status]}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {byStatus(status).length}
                    </Text>
                  </Group>
                  <Stack gap="xs">
                    {byStatus(status).map((p) => (
                      <ProposalCard
                        key={p.id}
                        proposal={p}
                        percent={percentOf.get(p.id)}
                        currency={currency}
                      />
                    ))}
                  </Stack>
                </Paper>
              ))}
            </SimpleGrid>
          </ScrollArea>
        </Tabs.Panel>
        <Tabs.Panel value="ranking">
          {!active ? (
            <EmptyState
              icon={<IconBulb />}
              title="No active scoring model"
              description="The PMO activates a scoring model to rank candidates."
            />
          ) : ranking.data && ranking.data.items.length > 0 ? (
            <Paper withBorder radius="sm" p="xs">
              <RankingTable ranking={ranking.data} />
            </Paper>
          ) : (
            <EmptyState
              icon={<IconBulb />}
              title="Nothing scored yet"
              description="Evaluators score proposals on each one's page."
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="models">
          <ScoringModels canManage={can('scoring.manage')} />
        </Tabs.Panel>
      </Tabs>
      {creating && (
        <ProposalForm
          opened
          onClose={() => setCreating(false)}
          onSaved={(p) => p && navigate({ to: '/intake/$id', params: { id: p.id } })}
        />
      )}
    </>
  );
}
