import { Badge, Group, Progress, Table, Text, Tooltip } from '@mantine/core';
import type { Ranking } from '../../api/intake-types.ts';
import { humanize } from '../../lib/format.ts';
import { AnchorLink } from '../links.tsx';

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/** Candidates by combined score, with how far the evaluators disagree (overall and per criterion). */
export function RankingTable({ ranking }: { ranking: Ranking }) {
  const criteria = ranking.items[0]?.criteria ?? [];
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="ranking-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>Rank</Table.Th>
            <Table.Th miw={280}>Candidate</Table.Th>
            <Table.Th miw={110}>Status</Table.Th>
            <Table.Th w={190}>Combined score</Table.Th>
            <Table.Th ta="right">Evaluators</Table.Th>
            <Table.Th ta="right">Spread (min–max, σ)</Table.Th>
            {criteria.map((c) => (
              <Table.Th key={c.criterionId} ta="right">
                {c.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ranking.items.map((item) => (
            <Table.Tr key={item.candidateId}>
              <Table.Td fw={700}>{item.rank}</Table.Td>
              <Table.Td>
                {item.candidateType === 'proposal' ? (
                  <AnchorLink to="/intake/$id" params={{ id: item.candidateId }} size="sm" fw={500}>
                    {item.code} · {item.title}
                  </AnchorLink>
                ) : (
                  <AnchorLink to="/intake/projects/$id" params={{ id: item.candidateId }} size="sm" fw={500}>
                    {item.code} · {item.title}
                  </AnchorLink>
                )}
                <Text size="xs" c="dimmed">
                  {item.candidateType === 'proposal' ? 'Proposal' : 'Running project'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  size="sm"
                  variant="light"
                  style={{ overflow: 'visible' }}
                  styles={{ label: { overflow: 'visible' } }}
                >
                  {humanize(item.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} w={40}>
                    {fixed(item.score)}
                  </Text>
                  <Progress
                    value={item.percent}
                    w={110}
                    size="md"
                    color={item.percent >= 70 ? 'teal' : item.percent >= 45 ? 'blue' : 'gray'}
                  />
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                {item.evaluators}
                {item.incomplete > 0 && (
                  <Tooltip label="Evaluators still scoring: not counted yet">
                    <Text span size="xs" c="orange">
                      {' '}
                      +{item.incomplete}
                    </Text>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Text
                  size="sm"
                  c={item.spread.stdDev > (ranking.scaleMax - ranking.scaleMin) / 5 ? 'orange.8' : undefined}
                >
                  {fixed(item.spread.min)}–{fixed(item.spread.max)}, σ {fixed(item.spread.stdDev)}
                </Text>
              </Table.Td>
              {item.criteria.map((c) => (
                <Table.Td key={c.criterionId} ta="right">
                  <Tooltip
                    label={`${fixed(c.spread.min, 1)}–${fixed(c.spread.max, 1)}, σ ${fixed(c.spread.stdDev)}`}
                  >
                    <Text span size="sm">
                      {fixed(c.mean, 1)}
                    </Text>
                  </Tooltip>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
