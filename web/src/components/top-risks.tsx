import { EmptyState, Group, Paper, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useList } from '../api/queries.ts';
import { AnchorLink } from './links.tsx';
import { ScoreBadge } from './risk-badges.tsx';

/** The enterprise's top open risks by score, across everything the reader sees, with where they sit. */
export function TopRisks({ limit = 8 }: { limit?: number }) {
  const top = useList('risks', { sort: 'score', order: 'desc', pageSize: limit, status: 'open' });
  const rows = top.data?.items ?? [];
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="top-risks">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          Top risks
        </Text>
        <AnchorLink to="/risks" size="xs">
          Risk register
        </AnchorLink>
      </Group>
      {rows.length === 0 && !top.isLoading ? (
        <EmptyState
          icon={<IconShieldCheck />}
          color="green"
          title="No open risk"
          description="Raised risks appear here by score."
        />
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td w={48}>
                  <ScoreBadge score={r.score} band={r.band} />
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/risks/$id" params={{ id: r.id }} size="sm">
                    R-{r.reference} {r.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {r.projectNames.length > 0 ? r.projectNames.join(', ') : r.scopeName}
                    {r.escalationLevel > 0 ? ` · at ${r.scopeName}` : ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
