import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  type CriterionResult,
  type DecisionResult,
  type GateDecision,
  type GateReview,
  governanceEndpoints,
  type ProjectGates,
  useGovernanceMutation,
} from '../../api/governance.ts';
import { humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

type Row = { criterionId: string; result: CriterionResult | null; evidence: string };

const DECISIONS: { value: GateDecision; label: string; color: string; hint: string }[] = [
  { value: 'go', label: 'Go', color: 'teal', hint: 'The project moves into the next stage.' },
  { value: 'hold', label: 'Hold', color: 'yellow', hint: 'The project is put on hold at this gate.' },
  {
    value: 'recycle',
    label: 'Recycle',
    color: 'blue',
    hint: 'The team reworks the checklist; the review reopens.',
  },
  { value: 'terminate', label: 'Terminate', color: 'red', hint: 'The project stops for good (PMO only).' },
];

/** The open review of the gate in front of the project: its checklist, the PMO's review and the decision. */
export function GateChecklist({
  gates,
  review,
  canEdit,
  onDecided,
}: {
  gates: ProjectGates;
  review: GateReview;
  canEdit: boolean;
  onDecided: (result: DecisionResult) => void;
}) {
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    setRows(
      review.results.map((r) => ({ criterionId: r.criterionId, result: r.result, evidence: r.evidence })),
    );
  }, [review]);
  const [decision, setDecision] = useState<GateDecision>('go');
  const [reason, setReason] = useState('');
  const [pmoNote, setPmoNote] = useState('');
  const save = useGovernanceMutation(() => governanceEndpoints.saveResults(review, rows));
  const pmo = useGovernanceMutation(() => governanceEndpoints.pmoReview(review, pmoNote));
  const decide = useGovernanceMutation(() =>
    governanceEndpoints.decide(review.id, { decision, reason, expectedVersion: gates.projectVersion }),
  );
  const gate = gates.currentGate;
  const dirty = rows.some((row, i) => {
    const saved = review.results[i];
    return saved && (saved.result !== row.result || saved.evidence !== row.evidence);
  });
  const setRow = (index: number, change: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const metCount = rows.filter((r) => r.result === 'met' || r.result === 'waived').length;

  return (
    <Stack gap="md">
      <Paper withBorder radius="sm" p="md" data-testid="gate-checklist">
        <Group justify="space-between" mb="xs">
          <div>
            <Title order={4}>{review.gateName}</Title>
            <Text size="sm" c="dimmed">
              Leaving {review.stageName} · decided by {humanize(gate?.deciderRole ?? 'pmo')}
              {gate?.pmoReviewRequired ? ' after the PMO’s review' : ''}
            </Text>
          </div>
          <Badge variant="light" color={metCount === rows.length ? 'teal' : 'gray'} size="lg">
            {metCount} / {rows.length} met or waived
          </Badge>
        </Group>
        <Table verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Criterion</Table.Th>
              <Table.Th w={260}>Result</Table.Th>
              <Table.Th>Evidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.results.map((criterion, index) => (
              <Table.Tr key={criterion.criterionId} data-testid="criterion-row">
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge
                      size="xs"
                      variant="outline"
                      color={criterion.kind === 'document' ? 'grape' : 'gray'}
                    >
                      {criterion.kind}
                    </Badge>
                    <Text size="sm">{criterion.text}</Text>
                    {criterion.required && (
                      <Text span c="red" size="sm" title="required">
                        *
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    disabled={!canEdit}
                    value={rows[index]?.result ?? 'pending'}
                    onChange={(value) =>
                      setRow(index, { result: value === 'pending' ? null : (value as CriterionResult) })
                    }
                    data={[
                      { value: 'pending', label: '—' },
                      { value: 'met', label: 'Met' },
                      { value: 'not_met', label: 'Not met' },
                      { value: 'waived', label: 'Waived' },
                    ]}
                    data-testid={`criterion-result-${index}`}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    disabled={!canEdit}
                    placeholder="Link or note"
                    value={rows[index]?.evidence ?? ''}
                    onChange={(e) => setRow(index, { evidence: e.currentTarget.value })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canEdit && (
          <Group justify="flex-end" mt="sm">
            <Button
              variant={dirty ? 'filled' : 'default'}
              leftSection={<IconCheck size={16} />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate(undefined)}
              data-testid="save-checklist"
            >
              Save checklist
            </Button>
          </Group>
        )}
        <ProblemAlert error={save.error} />
      </Paper>

      {gate?.pmoReviewRequired && (
        <Paper withBorder radius="sm" p="md">
          <Group gap="xs" mb={6}>
            <IconShieldCheck size={18} />
            <Title order={5}>PMO review</Title>
          </Group>
          {review.pmoReviewedAt ? (
            <Text size="sm">
              Reviewed by {review.pmoReviewedByName ?? 'the PMO'}
              {review.pmoReviewNote ? `: “${review.pmoReviewNote}”` : ''}
            </Text>
          ) : gates.canTerminate ? (
            <Group align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label="Note"
                value={pmoNote}
                onChange={(e) => setPmoNote(e.currentTarget.value)}
              />
              <Button variant="light" loading={pmo.isPending} onClick={() => pmo.mutate(undefined)}>
                Record PMO review
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Waiting for the PMO to review the checklist before the decision.
            </Text>
          )}
          <ProblemAlert error={pmo.error} />
        </Paper>
      )}

      {gates.canDecide && (
        <Paper withBorder radius="sm" p="md" data-testid="gate-decision">
          <Title order={5} mb="xs">
            Decision
          </Title>
          {dirty && (
            <Alert color="yellow" mb="sm" variant="light">
              Save the checklist first: the decision reads the saved results.
            </Alert>
          )}
          <SegmentedControl
            fullWidth
            value={decision}
            onChange={(value) => setDecision(value as GateDecision)}
            data={DECISIONS.filter((d) => d.value !== 'terminate' || gates.canTerminate).map((d) => ({
              value: d.value,
              label: d.label,
            }))}
            data-testid="decision-choice"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {DECISIONS.find((d) => d.value === decision)?.hint}
          </Text>
          <Textarea
            mt="sm"
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="decision-reason"
          />
          <ProblemAlert error={decide.error} shownFields={['reason']} />
          <Group justify="flex-end" mt="sm">
            <Button
              color={DECISIONS.find((d) => d.value === decision)?.color}
              loading={decide.isPending}
              disabled={dirty}
              onClick={() =>
                decide.mutate(undefined, {
                  onSuccess: (result) => {
                    setReason('');
                    onDecided(result);
                  },
                })
              }
              data-testid="decide"
            >
              Record decision: {DECISIONS.find((d) => d.value === decision)?.label}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
