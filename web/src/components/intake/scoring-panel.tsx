import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { intakeEndpoints, useEvaluations, useIntakeMutation, useRanking } from '../../api/intake.ts';
import type { CandidateType, Evaluation, ScoringModel } from '../../api/intake-types.ts';
import { useMe } from '../../api/queries.ts';
import { ProblemAlert } from '../problem-alert.tsx';

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/** Σ w·s / Σ w over an evaluator's scores, risk inverted — the figure the ranking averages. */
function weighted(model: ScoringModel, scores: Map<string, number>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of model.criteria) {
    const s = scores.get(c.id);
    if (s === undefined) return null;
    sum += c.weight * (c.kind === 'risk' ? model.scaleMin + model.scaleMax - s : s);
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * The scoring screen of one candidate: every evaluator's score per criterion with their weighted
 * score, the combined score and the spread between evaluators, and the reader's own scores to enter.
 */
export function ScoringPanel({
  model,
  candidateType,
  candidateId,
  canEvaluate,
}: {
  model: ScoringModel;
  candidateType: CandidateType;
  candidateId: string;
  canEvaluate: boolean;
}) {
  const me = useMe().data;
  const evaluations = useEvaluations(model.id, candidateType, candidateId);
  const ranking = useRanking(model.id);
  const entry = ranking.data?.items.find((i) => i.candidateId === candidateId);
  const rows = evaluations.data?.items ?? [];
  const byEvaluator = useMemo(() => {
    const map = new Map<string, { name: string; scores: Map<string, Evaluation> }>();
    for (const row of rows) {
      const e = map.get(row.evaluatorId) ?? { name: row.evaluatorName, scores: new Map() };
      e.scores.set(row.criterionId, row);
      map.set(row.evaluatorId, e);
    }
    return [...map.entries()];
  }, [rows]);
  const mine = byEvaluator.find(([id]) => id === me?.user.id)?.[1];
  const [draft, setDraft] = useState<Record<string, { score: number | ''; comment: string }>>({});
  useEffect(() => {
    const next: typeof draft = {};
    for (const c of model.criteria) {
      const existing = mine?.scores.get(c.id);
      next[c.id] = { score: existing?.score ?? '', comment: existing?.comment ?? '' };
    }
    setDraft(next);
  }, [model, mine]);
  const save = useIntakeMutation(() =>
    intakeEndpoints.saveEvaluation({
      modelId: model.id,
      candidate: { type: candidateType, id: candidateId },
      scores: model.criteria
        .filter((c) => draft[c.id]?.score !== '' && draft[c.id] !== undefined)
        .map((c) => ({ criterionId: c.id, score: Number(draft[c.id].score), comment: draft[c.id].comment })),
    }),
  );

  return (
    <Stack gap="sm" data-testid="scoring-panel">
      <Group justify="space-between">
        <Group gap="xs">
          <IconScale size={18} />
          <Title order={4}>Scoring · {model.name}</Title>
          <Text size="xs" c="dimmed">
            scale {model.scaleMin}–{model.scaleMax}; risk counts inverted
          </Text>
        </Group>
        {entry ? (
          <Group gap="xs" data-testid="combined-score">
            <Badge size="lg" variant="filled">
              Rank {entry.rank} · {fixed(entry.score)} ({Math.round(entry.percent)}%)
            </Badge>
            <Badge
              size="lg"
              variant="light"
              color={entry.spread.stdDev > (model.scaleMax - model.scaleMin) / 5 ? 'orange' : 'gray'}
            >
              Spread {fixed(entry.spread.min)}–{fixed(entry.spread.max)} · σ {fixed(entry.spread.stdDev)}
            </Badge>
          </Group>
        ) : (
          <Badge variant="light" color="gray">
            Not ranked yet
          </Badge>
        )}
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table withTableBorder verticalSpacing={6} fz="sm" data-testid="evaluator-scores">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Evaluator</Table.Th>
              {model.criteria.map((c) => (
                <Table.Th key={c.id} ta="right">
                  {c.name}
                  <Text size="xs" c="dimmed" fw={400}>
                    ×{c.weight}
                    {c.kind === 'risk' ? ' · inverted' : c.objectiveName ? ` · ${c.objectiveName}` : ''}
                  </Text>
                </Table.Th>
              ))}
              <Table.Th ta="right">Weighted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byEvaluator.map(([id, e]) => {
              const w = weighted(model, new Map([...e.scores].map(([k, v]) => [k, v.score])));
              return (
                <Table.Tr key={id}>
                  <Table.Td fw={500}>{e.name}</Table.Td>
                  {model.criteria.map((c) => {
                    const s = e.scores.get(c.id);
                    return (
                      <Table.Td key={c.id} ta="right" title={s?.comment || undefined}>
                        {s ? s.score : '—'}
                        {s?.comment ? ' *' : ''}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right" fw={600}>
                    {w === null ? 'incomplete' : fixed(w)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {entry && (
              <Table.Tr bg="gray.0">
                <Table.Td fw={700}>Combined (mean)</Table.Td>
                {entry.criteria.map((c) => (
                  <Table.Td key={c.criterionId} ta="right" fw={600}>
                    {fixed(c.mean, 1)}
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ±{fixed(c.spread.stdDev, 1)}
                    </Text>
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={700}>
                  {fixed(entry.score)}
                </Table.Td>
              </Table.Tr>
            )}
            {byEvaluator.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={model.criteria.length + 2}>
                  <Text size="sm" c="dimmed">
                    Nobody has scored this candidate yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canEvaluate && (
        <Paper withBorder p="sm" radius="sm" data-testid="my-scores">
          <Text size="sm" fw={600} mb="xs">
            Your scores
          </Text>
          <Stack gap={6}>
            {model.criteria.map((c) => (
              <Group key={c.id} gap="xs" wrap="nowrap">
                <Text size="sm" w={200}>
                  {c.name}
                </Text>
                <NumberInput
                  size="xs"
                  w={90}
                  aria-label={`Score ${c.name}`}
                  min={model.scaleMin}
                  max={model.scaleMax}
                  clampBehavior="none"
                  step={0.5}
                  value={draft[c.id]?.score ?? ''}
                  onChange={(v) =>
                    setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], score: v === '' ? '' : Number(v) } }))
                  }
                />
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  placeholder="Comment (why this score)"
                  aria-label={`Comment ${c.name}`}
                  value={draft[c.id]?.comment ?? ''}
                  onChange={(e) => {
                    const comment = e.currentTarget.value;
                    setDraft((d) => ({ ...d, [c.id]: { ...d[c.id], comment } }));
                  }}
                />
              </Group>
            ))}
          </Stack>
          <ProblemAlert error={save.error} />
          <Group justify="flex-end" mt="xs">
            <Button
              size="xs"
              onClick={() => save.mutate(undefined)}
              loading={save.isPending}
              data-testid="save-scores"
            >
              Save my scores
            </Button>
          </Group>
        </Paper>
      )}
      {!canEvaluate && (
        <Alert variant="light" color="gray">
          Portfolio managers, the PMO and the evaluators the model names score candidates.
        </Alert>
      )}
    </Stack>
  );
}
