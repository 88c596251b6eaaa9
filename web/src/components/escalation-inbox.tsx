import { Badge, EmptyState, Paper, Table, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useInbox } from '../api/risks.ts';
import { formatDateTime, humanize } from '../lib/format.ts';
import { AnchorLink } from './links.tsx';
import { PriorityBadge } from './risk-badges.tsx';
import { PageLoader } from './route-states.tsx';

/** Open risks and issues escalated to a level the reader manages, with where they came from and why. */
export function EscalationInbox() {
  const inbox = useInbox();
  if (inbox.isLoading) return <PageLoader />;
  const items = inbox.data ?? [];
  if (items.length === 0)
    return (
      <Paper withBorder radius="sm" p="md">
        <EmptyState
          icon={<IconInbox />}
          title="Nothing escalated to you"
          description="Risks and issues escalated to the programs, portfolios or PMO you manage appear here."
        />
      </Paper>
    );
  return (
    <Paper withBorder radius="sm" data-testid="escalation-inbox">
      <Table verticalSpacing="xs" fz="sm" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Now at</Table.Th>
            <Table.Th>Raised at</Table.Th>
            <Table.Th>Score / priority</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Escalated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={`${item.itemType}-${item.id}`}>
              <Table.Td>
                {item.itemType === 'risk' ? (
                  <AnchorLink to="/risks/$id" params={{ id: item.id }} size="sm">
                    R-{item.reference} {item.title}
                  </AnchorLink>
                ) : (
                  <Text size="sm">
                    I-{item.reference} {item.title}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{item.scopeName ?? humanize(item.scopeType)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="grape" size="sm" radius="sm">
                  {humanize(item.originScopeType)}
                </Badge>{' '}
                {item.originScopeName}
              </Table.Td>
              <Table.Td>
                {item.score ?? (item.priority ? <PriorityBadge priority={item.priority} /> : '—')}
              </Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2}>
                  {item.reason}
                </Text>
              </Table.Td>
              <Table.Td>{formatDateTime(item.escalatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
