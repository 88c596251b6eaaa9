import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconPencil, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type StatusReportDetail, statusApi, statusKeys } from '../../api/status-reports.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { AnchorLink } from '../links.tsx';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { ReportStatusBadge } from './rag.tsx';
import { ReportComments } from './report-comments.tsx';
import { ReportRatings } from './report-ratings.tsx';

const SECTIONS = [
  ['narrative', 'Narrative'],
  ['achievements', 'Achievements'],
  ['nextSteps', 'Next steps'],
  ['decisionsNeeded', 'Decisions needed'],
] as const;

/** One report in full: ratings beside the indicators, the narrative, the review and its comments. */
export function ReportView({
  report,
  onEdit,
  withProject,
}: {
  report: StatusReportDetail;
  onEdit?: (report: StatusReportDetail) => void;
  withProject?: boolean;
}) {
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const refresh = (updated: StatusReportDetail) => {
    qc.setQueryData(statusKeys.item(updated.id), updated);
    void qc.invalidateQueries({ queryKey: statusKeys.all });
    void qc.invalidateQueries({ queryKey: ['projects'] });
  };
  const submit = useMutation({
    mutationFn: () => statusApi.submit(report.id, report.version),
    onSuccess: refresh,
  });
  const review = useMutation({ mutationFn: () => statusApi.review(report.id, note), onSuccess: refresh });
  const frozen = report.status !== 'draft';
  return (
    <Stack gap="md" data-testid="report-view">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          {withProject && (
            <AnchorLink to="/projects/$id" params={{ id: report.projectId }} size="sm" fw={600}>
              {report.projectCode} · {report.projectName}
            </AnchorLink>
          )}
          <Group gap="xs">
            <Text fw={600}>
              {formatDate(report.periodStart)} – {formatDate(report.periodEnd)}
            </Text>
            <ReportStatusBadge status={report.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {report.submittedAt
              ? `Submitted by ${report.submittedByName ?? 'the system'} on ${formatDateTime(report.submittedAt)}`
              : `Draft by ${report.createdByName ?? 'the system'}, last changed ${formatDateTime(report.updatedAt)}`}
            {report.reviewedAt &&
              ` · reviewed by ${report.reviewedByName ?? 'the system'} on ${formatDateTime(report.reviewedAt)}`}
          </Text>
        </Stack>
        <Group gap="xs">
          {report.allowed.edit && onEdit && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPencil size={14} />}
              onClick={() => onEdit(report)}
            >
              Edit draft
            </Button>
          )}
          {report.allowed.submit && (
            <Button
              size="xs"
              leftSection={<IconSend size={14} />}
              loading={submit.isPending}
              onClick={() => submit.mutate()}
              data-testid="submit-report"
            >
              Submit report
            </Button>
          )}
        </Group>
      </Group>
      <ProblemAlert error={submit.error} />
      <Text size="xs" c="dimmed">
        {frozen
          ? `Indicators as computed when the report was submitted, as of ${formatDate(report.liveIndicators.statusDate)}.`
          : `Indicators as the data stands now for the status date ${formatDate(report.liveIndicators.statusDate)}; they are frozen on submission.`}
        {report.liveIndicators.financialsAsOf &&
          ` Earned value as of ${formatDate(report.liveIndicators.financialsAsOf)}.`}
      </Text>
      <ReportRatings
        report={report}
        indicators={report.liveIndicators}
        disagreements={report.liveDisagreements}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {SECTIONS.map(([field, label]) => (
          <Paper key={field} withBorder radius="sm" p="sm">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
              {label}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={report[field] ? undefined : 'dimmed'}>
              {report[field] || '—'}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {report.reviewNote && (
        <Alert color="teal" icon={<IconCheck size={16} />} title="Review note">
          {report.reviewNote}
        </Alert>
      )}
      {report.allowed.review && (
        <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-blue-0)">
          <Stack gap="xs">
            <Textarea
              label="Review note"
              placeholder="What you accept, what you expect next time"
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="review-note"
            />
            <ProblemAlert error={review.error} />
            <Button
              size="xs"
              w="fit-content"
              leftSection={<IconCheck size={14} />}
              loading={review.isPending}
              onClick={() => review.mutate()}
              data-testid="mark-reviewed"
            >
              Mark reviewed
            </Button>
          </Stack>
        </Paper>
      )}
      {frozen && (
        <Stack gap="xs">
          <Title order={6}>Comments</Title>
          <ReportComments report={report} />
        </Stack>
      )}
    </Stack>
  );
}

export function ReportModal({
  id,
  onClose,
  onEdit,
  withProject,
}: {
  id: string;
  onClose: () => void;
  onEdit?: (report: StatusReportDetail) => void;
  withProject?: boolean;
}) {
  const report = useQuery({
    queryKey: statusKeys.item(id),
    queryFn: ({ signal }) => statusApi.get(id, signal),
  });
  return (
    <Modal opened onClose={onClose} title="Status report" size="xl" radius="md">
      {report.isLoading && <PageLoader />}
      <ProblemAlert error={report.error} />
      {report.data && <ReportView report={report.data} onEdit={onEdit} withProject={withProject} />}
    </Modal>
  );
}
