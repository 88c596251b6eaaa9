import { Group, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  type ComputedIndicators,
  type Disagreement,
  dimensionOf,
  RAG_FIELDS,
  type StatusReport,
} from '../../api/status-reports.ts';
import { RagBadge } from './rag.tsx';

/**
 * The self-assessed rating of each dimension beside what the data says, with the indicators behind
 * it; a dimension where the self-assessment is rosier than the data is highlighted with the reason.
 */
export function ReportRatings({
  report,
  indicators,
  disagreements,
}: {
  report: Pick<StatusReport, (typeof RAG_FIELDS)[number][0]>;
  indicators: ComputedIndicators;
  disagreements: Disagreement[];
}) {
  return (
    <Table fz="sm" verticalSpacing={6} withTableBorder data-testid="report-ratings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Dimension</Table.Th>
          <Table.Th w={110}>Self-assessed</Table.Th>
          <Table.Th w={110}>Computed</Table.Th>
          <Table.Th>Indicators</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {RAG_FIELDS.map(([field, label]) => {
          const dimension = dimensionOf(field);
          const computed = dimension === 'overall' ? indicators.overall : indicators.dimensions[dimension];
          const measured =
            dimension === 'overall'
              ? []
              : indicators.indicators.filter((indicator) => indicator.dimension === dimension);
          const disagreement = disagreements.find((d) => d.dimension === dimension);
          return (
            <Table.Tr
              key={field}
              bg={disagreement ? 'var(--mantine-color-red-0)' : undefined}
              data-testid={`rating-${dimension}`}
              data-disagrees={disagreement ? 'true' : 'false'}
            >
              <Table.Td fw={dimension === 'overall' ? 700 : 500}>{label}</Table.Td>
              <Table.Td>
                <RagBadge rag={report[field]} />
              </Table.Td>
              <Table.Td>
                <RagBadge rag={computed} empty="not measured" />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {disagreement && (
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <ThemeIcon color="red" variant="light" size="sm" radius="xl">
                        <IconAlertTriangle size={12} />
                      </ThemeIcon>
                      <Text size="xs" c="red.8" fw={600} data-testid="disagreement">
                        Disagrees: {disagreement.reason}
                      </Text>
                    </Group>
                  )}
                  {measured.map((indicator) => (
                    <Group key={indicator.key} gap={6} wrap="nowrap">
                      <RagBadge rag={indicator.rag} empty="—" />
                      <Text size="xs" c="dimmed">
                        {indicator.label}: {indicator.explanation}
                      </Text>
                    </Group>
                  ))}
                  {dimension === 'overall' && !disagreement && (
                    <Text size="xs" c="dimmed">
                      The worst of the measured dimensions
                    </Text>
                  )}
                  {dimension !== 'overall' && measured.length === 0 && (
                    <Text size="xs" c="dimmed">
                      No indicator measures this dimension; the manager's judgement stands.
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
