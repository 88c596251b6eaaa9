import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlayerPlay, IconRocket } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { api } from '../api/client.ts';
import { intakeEndpoints, useCandidates, useIntakeMutation } from '../api/intake.ts';
import type { Promotion, Scenario } from '../api/intake-types.ts';
import { useItem } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { CostChart, FrontierChart } from '../components/intake/portfolio-charts.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { ScenarioForm } from '../forms/scenario-form.tsx';
import { formatDateTime, formatMoney, humanize } from '../lib/format.ts';
import { METHOD_LABELS } from './scenarios-page.tsx';

type Flag = 'auto' | 'mandatory' | 'excluded';

function Section({ title, children, right }: { title: string; children: ReactNode; right?: ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{title}</Title>
        {right}
      </Group>
      {children}
    </Paper>
  );
}

/** The candidates with the scenario's flags: leave to the optimizer, force in, or keep out. */
function CandidateFlags({
  scenario,
  canManage,
  currency,
}: {
  scenario: Scenario;
  canManage: boolean;
  currency: string;
}) {
  const candidates = useCandidates({
    horizonStart: scenario.horizonStart,
    periods: scenario.periods,
    portfolioId: scenario.portfolioId,
  });
  const flags = new Map(scenario.items.map((i) => [i.candidateId, i]));
  const setFlags = useIntakeMutation((next: { id: string; type: string; flag: Flag }) => {
    const items = scenario.items
      .filter((i) => (i.mandatory || i.excluded) && i.candidateId !== next.id)
      .map((i) => ({
        candidate: { type: i.candidateType, id: i.candidateId },
        mandatory: i.mandatory,
        excluded: i.excluded,
      }));
    if (next.flag !== 'auto')
      items.push({
        candidate: { type: next.type as 'proposal' | 'project', id: next.id },
        mandatory: next.flag === 'mandatory',
        excluded: next.flag === 'excluded',
      });
    return api.update('scenarios', scenario.id, scenario.version, { items });
  });
  const rows = candidates.data?.items ?? [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={setFlags.error ?? candidates.error} />
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing={4} fz="sm" highlightOnHover data-testid="candidates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Candidate</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Score</Table.Th>
              <Table.Th ta="right">Cost in horizon</Table.Th>
              <Table.Th>Chosen</Table.Th>
              <Table.Th>Flag</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => {
              const item = flags.get(c.candidateId);
              const flag: Flag = item?.mandatory ? 'mandatory' : item?.excluded ? 'excluded' : 'auto';
              return (
                <Table.Tr key={c.candidateId} data-testid={`candidate-${c.code}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.code} · {c.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.candidateType === 'proposal' ? 'Proposal' : 'Running project'}
                      {c.requires.length > 0 ? ` · needs ${c.requires.length}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light">
                      {humanize(c.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {c.scored ? (
                      c.score.toFixed(0)
                    ) : (
                      <Text span size="xs" c="dimmed">
                        unscored
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(
                      c.cost.reduce((s, v) => s + v, 0),
                      currency,
                      true,
                    )}
                  </Table.Td>
                  <Table.Td>
                    {item?.included ? (
                      <Badge size="sm" color="teal">
                        Yes{item.shiftMonths > 0 ? ` · +${item.shiftMonths} mo` : ''}
                      </Badge>
                    ) : scenario.result ? (
                      <Badge size="sm" color="gray" variant="outline">
                        {item?.holdFlagged ? 'Hold decision' : 'No'}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      disabled={!canManage || scenario.status === 'promoted' || setFlags.isPending}
                      value={flag}
                      onChange={(value) =>
                        setFlags.mutate({ id: c.candidateId, type: c.candidateType, flag: value as Flag })
                      }
                      data={[
                        { value: 'auto', label: 'Optimizer' },
                        { value: 'mandatory', label: 'Must' },
                        { value: 'excluded', label: 'Never' },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One scenario: its limits, the candidates and flags, the optimizer's answer and the frontier; promote. */
export function ScenarioPage() {
  const { id } = useParams({ from: '/app/scenarios/$id' });
  const { can, currency } = usePermissions();
  const item = useItem('scenarios', id);
  const [editing, setEditing] = useState(false);
  const [promotion, setPromotion] = useState<Promotion | null>(null);
  const scenario = item.data?.data;
  const optimize = useIntakeMutation(() => intakeEndpoints.optimizeScenario(id));
  const promote = useIntakeMutation(() => intakeEndpoints.promote(id, scenario?.version ?? 0));
  if (item.isLoading) return <PageLoader />;
  if (item.error || !scenario) return <LoadError error={item.error} what="scenario" />;
  const canManage = can(
    'scenario.manage',
    scenario.portfolioId ? { portfolioId: scenario.portfolioId } : undefined,
  );
  const result = scenario.result;
  const draft = scenario.status === 'draft';
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Scenarios', to: '/scenarios' },
          { label: scenario.name },
        ]}
        title={scenario.name}
        badges={
          <Badge color={draft ? 'gray' : 'teal'} variant="light" data-testid="scenario-status">
            {humanize(scenario.status)}
          </Badge>
        }
        subtitle={`${scenario.portfolioName ?? 'Whole organization'} · ${scenario.horizonStart.slice(0, 7)} for ${scenario.periods} months${scenario.maxShift > 0 ? ` · starts may move up to ${scenario.maxShift} months` : ''}`}
        actions={
          canManage &&
          draft && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Limits
              </Button>
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={optimize.isPending}
                onClick={() => optimize.mutate(undefined)}
                data-testid="run-optimization"
              >
                Run optimization
              </Button>
              <Button
                color="teal"
                leftSection={<IconRocket size={16} />}
                // A run in flight is about to replace the result and the version promote sends.
                disabled={!result || optimize.isPending}
                loading={promote.isPending}
                onClick={() => promote.mutate(undefined, { onSuccess: setPromotion })}
                data-testid="promote-scenario"
              >
                Promote to plan
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="md">
        <ProblemAlert error={optimize.error ?? promote.error} />
        {promotion && (
          <Alert color="teal" title="Promoted to the plan" data-testid="promotion-result">
            {promotion.createdProjects.length} new project(s):{' '}
            {promotion.createdProjects.map((p, k) => (
              <span key={p.projectId}>
                {k > 0 && ', '}
                <AnchorLink to="/projects/$id" params={{ id: p.projectId }}>
                  {p.code}
                </AnchorLink>
              </span>
            ))}
            {promotion.holdFlagged.length > 0 &&
              `. Flagged for a hold decision at their next gate: ${promotion.holdFlagged.map((p) => p.code).join(', ')}.`}
          </Alert>
        )}
        {result && (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Section title="Optimizer's answer">
                <Group gap="xs" mb="xs" data-testid="optimization-summary">
                  <Badge size="lg">Score {result.totalScore.toFixed(1)}</Badge>
                  <Badge size="lg" variant="light" color={result.optimal ? 'teal' : 'orange'}>
                    {METHOD_LABELS[result.method]}
                  </Badge>
                  <Badge size="lg" variant="outline" color="gray">
                    Gap {(result.gap * 100).toFixed(2)}%
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" mb="xs">
                  {result.selected.length} of {result.candidateCount} candidates chosen · run{' '}
                  {formatDateTime(scenario.optimizedAt)}
                </Text>
                <Table fz="sm" verticalSpacing={4} data-testid="selected-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Chosen</Table.Th>
                      <Table.Th ta="right">Score</Table.Th>
                      <Table.Th ta="right">Start moved</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.selected.map((s) => (
                      <Table.Tr key={s.candidateId}>
                        <Table.Td>
                          {s.code} · {s.title}
                        </Table.Td>
                        <Table.Td ta="right">{s.score.toFixed(0)}</Table.Td>
                        <Table.Td ta="right">{s.shift > 0 ? `+${s.shift} mo` : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Section title="Efficient frontier">
                <FrontierChart result={result} currency={currency} />
              </Section>
            </Grid.Col>
            <Grid.Col span={12}>
              <Section title="Cost per month against the budget">
                <CostChart
                  months={result.months}
                  series={[{ name: 'Chosen set', values: result.costPerPeriod }]}
                  budget={Array.from({ length: scenario.periods }, (_, k) => scenario.budget[k] ?? null)}
                  currency={currency}
                  testId="cost-chart"
                />
              </Section>
            </Grid.Col>
          </Grid>
        )}
        <Section title="Candidates">
          <CandidateFlags scenario={scenario} canManage={canManage} currency={currency} />
        </Section>
      </Stack>
      {editing && (
        <ScenarioForm
          opened
          onClose={() => setEditing(false)}
          scenario={scenario}
          version={item.data?.version}
        />
      )}
    </>
  );
}
