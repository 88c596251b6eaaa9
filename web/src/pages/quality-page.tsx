import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { qualityApi, type RollupRow, useQualityQuery } from '../api/quality.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ComplianceBadge } from '../components/quality/quality-badges.tsx';
import { StandardForm } from '../components/quality/standard-form.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { humanize } from '../lib/format.ts';

function RollupTable({ rows, kind }: { rows: RollupRow[]; kind: 'portfolio' | 'program' }) {
  return (
    <Paper withBorder radius="sm" p="sm">
      <Table fz="sm" verticalSpacing={6} data-testid={`${kind}-compliance`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{kind === 'portfolio' ? 'Portfolio' : 'Program'}</Table.Th>
            <Table.Th>Projects</Table.Th>
            <Table.Th>Checks passed</Table.Th>
            <Table.Th>Open findings (critical / high / medium / low)</Table.Th>
            <Table.Th>Overdue actions</Table.Th>
            <Table.Th>Compliance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                {kind === 'portfolio' ? (
                  <AnchorLink to="/portfolios/$id" params={{ id: row.id }} size="sm">
                    {row.name}
                  </AnchorLink>
                ) : (
                  <AnchorLink to="/programs/$id" params={{ id: row.id }} size="sm">
                    {row.name}
                  </AnchorLink>
                )}
              </Table.Td>
              <Table.Td>{row.projects}</Table.Td>
              <Table.Td>
                {row.checksPassed} / {row.applicableChecks}
                {row.passRate !== null && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({Math.round(row.passRate * 100)} %)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {row.openFindings.critical} / {row.openFindings.high} / {row.openFindings.medium} /{' '}
                {row.openFindings.low}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={row.overdueActions > 0 ? 'red' : undefined}>
                  {row.overdueActions}
                </Text>
              </Table.Td>
              <Table.Td>
                <ComplianceBadge figures={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Compliance rolled up per portfolio and program, and the organization's quality standards. */
export function QualityPage() {
  const { can } = usePermissions();
  const rollup = useQualityQuery(['rollup'], qualityApi.rollup);
  const standards = useQualityQuery(['standards'], qualityApi.standards);
  if (rollup.isLoading) return <PageLoader />;
  if (rollup.error || !rollup.data) return <LoadError error={rollup.error} what="compliance" />;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Quality' }]}
        title="Quality"
        subtitle="Compliance with the quality standards: latest result of every applicable check, open findings, overdue corrective actions"
      />
      <Stack gap="md">
        <Title order={4}>By portfolio</Title>
        <RollupTable rows={rollup.data.portfolios} kind="portfolio" />
        <Title order={4}>By program</Title>
        <RollupTable rows={rollup.data.programs} kind="program" />
        <Title order={4}>Standards</Title>
        <Paper withBorder radius="sm" p="sm">
          <Table fz="sm" verticalSpacing={6} data-testid="standards">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Standard</Table.Th>
                <Table.Th>Project type</Table.Th>
                <Table.Th>Applies under</Table.Th>
                <Table.Th>Checklist</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(standards.data?.items ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td ff="monospace">{s.code}</Table.Td>
                  <Table.Td>
                    {s.name}
                    {!s.active && (
                      <Badge ml={6} size="xs" color="gray">
                        inactive
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{s.projectType ? humanize(s.projectType) : 'Every type'}</Table.Td>
                  <Table.Td>
                    {s.requiredFrom === 'light'
                      ? 'all oversight levels'
                      : s.requiredFrom === 'standard'
                        ? 'standard and intensive oversight'
                        : 'intensive oversight'}
                  </Table.Td>
                  <Table.Td>{s.checklist.length} items</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        {can('admin') && <StandardForm />}
      </Stack>
    </>
  );
}
