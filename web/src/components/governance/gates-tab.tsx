import { Badge, Button, Group, Paper, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { IconBulb, IconClipboardCheck, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type GateDecision,
  governanceEndpoints,
  type LessonSource,
  useGovernanceMutation,
  useProjectGates,
} from '../../api/governance.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { LoadError, PageLoader } from '../route-states.tsx';
import { GateChecklist } from './gate-checklist.tsx';
import { LessonCaptureModal } from './lesson-capture-modal.tsx';
import { ProjectLessons, SuggestedLessons } from './suggested-lessons.tsx';
import { TerminateModal } from './terminate-modal.tsx';

export const DECISION_COLORS: Record<GateDecision, string> = {
  go: 'teal',
  hold: 'yellow',
  recycle: 'blue',
  terminate: 'red',
};

/** The project's stage gates: where it stands in its lifecycle, the open review, the history, termination. */
export function GatesTab({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const gates = useProjectGates(projectId);
  const [terminating, setTerminating] = useState(false);
  const [lessons, setLessons] = useState<{ source: LessonSource; reviewId: string | null } | null>(null);
  const open = useGovernanceMutation((gateId: string) => governanceEndpoints.openReview(projectId, gateId));

  if (gates.isLoading) return <PageLoader />;
  if (gates.error || !gates.data) return <LoadError error={gates.error} what="stage gates" />;
  const g = gates.data;
  const stages = g.lifecycle?.stages ?? [];
  // A terminated project has no current stage: show it stopped at the gate that ended it.
  const endedAt = g.reviews.find((r) => r.decision === 'terminate')?.gateId;
  const active = endedAt
    ? stages.findIndex((s) => s.gate?.id === endedAt)
    : stages.findIndex((s) => s.id === g.currentStageId);
  const ended = g.projectStage === 'terminated' || g.projectStage === 'closed';
  const decided = g.reviews.filter((r) => r.status === 'decided');

  return (
    <Stack gap="md" data-testid="gates-tab">
      <Paper withBorder radius="sm" p="md">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={4}>{g.lifecycle?.name ?? 'No lifecycle'}</Title>
            <Text size="sm" c="dimmed">
              {g.lifecycle
                ? g.lifecycle.businessUnitName
                  ? `The lifecycle of ${g.lifecycle.businessUnitName}`
                  : "The organization's lifecycle"
                : 'Neither the organization nor this business unit has configured a lifecycle yet.'}
            </Text>
          </div>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconBulb size={16} />}
              onClick={() =>
                setLessons(
                  g.openReview
                    ? { source: 'gate_review', reviewId: g.openReview.id }
                    : { source: 'ad_hoc', reviewId: null },
                )
              }
              disabled={!canEdit}
            >
              Capture lesson
            </Button>
            {g.canTerminate && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={16} />}
                onClick={() => setTerminating(true)}
                data-testid="terminate"
              >
                Terminate…
              </Button>
            )}
          </Group>
        </Group>
        {stages.length > 0 && (
          <Stepper
            active={g.projectStage === 'closed' ? stages.length : Math.max(active, 0)}
            size="sm"
            color={g.projectStage === 'terminated' ? 'red' : undefined}
            data-testid="lifecycle-stepper"
          >
            {stages.map((stage) => (
              <Stepper.Step
                key={stage.id}
                label={stage.name}
                description={stage.gate ? stage.gate.name : humanize(stage.projectStage)}
              />
            ))}
          </Stepper>
        )}
        {g.projectStage === 'terminated' && (
          <Badge color="red" mt="sm">
            Terminated
          </Badge>
        )}
        {g.projectStage === 'on_hold' && (
          <Badge color="yellow" mt="sm">
            On hold at {g.currentGate?.name}
          </Badge>
        )}
      </Paper>

      {g.openReview ? (
        <GateChecklist
          gates={g}
          review={g.openReview}
          canEdit={canEdit}
          onDecided={(result) => {
            if (result.lessonsRequested)
              setLessons({ source: result.lessonsRequested, reviewId: result.review.id });
          }}
        />
      ) : (
        g.currentGate &&
        !ended && (
          <Paper withBorder radius="sm" p="md">
            <Group justify="space-between">
              <div>
                <Text fw={600}>Next gate: {g.currentGate.name}</Text>
                <Text size="sm" c="dimmed">
                  {g.currentGate.criteria.length} criteria ·{' '}
                  {g.currentGate.criteria.filter((c) => c.required).length} required · decided by{' '}
                  {humanize(g.currentGate.deciderRole)}
                </Text>
              </div>
              {canEdit && (
                <Button
                  leftSection={<IconClipboardCheck size={16} />}
                  loading={open.isPending}
                  onClick={() => open.mutate(g.currentGate?.id as string)}
                  data-testid="open-review"
                >
                  Open gate review
                </Button>
              )}
            </Group>
            <ProblemAlert error={open.error} />
          </Paper>
        )
      )}

      <Paper withBorder radius="sm" p="md" data-testid="gate-history">
        <Title order={5} mb="xs">
          Decisions
        </Title>
        {decided.length === 0 ? (
          <Text size="sm" c="dimmed">
            No gate has been decided yet.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Gate</Table.Th>
                <Table.Th>Decision</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {decided.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.gateName}</Table.Td>
                  <Table.Td>
                    {r.decision && (
                      <Badge color={DECISION_COLORS[r.decision]} variant="light">
                        {r.decision}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                  <Table.Td>{r.decidedByName ?? 'System'}</Table.Td>
                  <Table.Td>{formatDateTime(r.decidedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <ProjectLessons projectId={projectId} />
      <SuggestedLessons projectId={projectId} />

      {terminating && (
        <TerminateModal
          projectId={projectId}
          onClose={() => setTerminating(false)}
          onTerminated={() => {
            setTerminating(false);
            setLessons({ source: 'termination', reviewId: null });
          }}
        />
      )}
      {lessons && (
        <LessonCaptureModal
          projectId={projectId}
          source={lessons.source}
          gateReviewId={lessons.reviewId}
          onClose={() => setLessons(null)}
        />
      )}
    </Stack>
  );
}
