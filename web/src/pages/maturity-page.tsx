import {
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type ManagerMaturity, qualityApi, useQualityMutation, useQualityQuery } from '../api/quality.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { Mentoring } from '../components/quality/mentoring.tsx';
import { OversightPolicyPanel } from '../components/quality/oversight-policy.tsx';
import { OversightBadge } from '../components/quality/quality-badges.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { formatDate } from '../lib/format.ts';

/** Maturity of project managers: latest level and the oversight it earns, history, new assessments, mentoring. */
export function MaturityPage() {
  const { can } = usePermissions();
  const isPmo = can('admin');
  const managers = useQualityQuery(['managers'], qualityApi.managers);
  const [selected, setSelected] = useState<string | null>(null);
  const [assessing, setAssessing] = useState<ManagerMaturity | null>(null);
  if (managers.isLoading) return <PageLoader />;
  if (managers.error || !managers.data) return <LoadError error={managers.error} what="maturity" />;
  const current =
    managers.data.find((m) => m.userId === selected) ?? managers.data.find((m) => m.level !== null) ?? null;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Maturity' }]}
        title="Maturity and oversight"
        subtitle="Level 1–5 from the latest assessment (mean of the knowledge-area means, rounded down); the level sets the oversight"
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="sm" p="sm">
            <Table fz="sm" verticalSpacing={6} highlightOnHover data-testid="managers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Project manager</Table.Th>
                  <Table.Th>Projects</Table.Th>
                  <Table.Th>Level</Table.Th>
                  <Table.Th>Assessed</Table.Th>
                  <Table.Th>Oversight</Table.Th>
                  {isPmo && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {managers.data.map((m) => (
                  <Table.Tr
                    key={m.userId}
                    onClick={() => setSelected(m.userId)}
                    style={{ cursor: 'pointer' }}
                    bg={current?.userId === m.userId ? 'var(--mantine-color-blue-light)' : undefined}
                  >
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>{m.projects}</Table.Td>
                    <Table.Td fw={600}>{m.level ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {m.assessedOn ? formatDate(m.assessedOn) : 'never'}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <OversightBadge oversight={m.oversight} />
                    </Table.Td>
                    {isPmo && (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="light"
                          leftSection={<IconClipboardCheck size={12} />}
                          onClick={(e) => {
                            e.stopPropagation();
                            setAssessing(m);
                          }}
                          data-testid={`assess-${m.name}`}
                        >
                          Assess
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="sm" p="sm">
            <Text size="sm" fw={600} mb={4}>
              {current ? `Level history · ${current.name}` : 'Level history'}
            </Text>
            {current ? (
              <LevelHistory userId={current.userId} />
            ) : (
              <Text size="sm" c="dimmed">
                No assessments yet.
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Title order={4} mt="lg" mb="sm">
        Oversight policy
      </Title>
      <OversightPolicyPanel canEdit={isPmo} />
      <Title order={4} mt="lg" mb="sm">
        Mentoring
      </Title>
      <Mentoring canManage={isPmo} />
      {assessing && <AssessmentForm subject={assessing} onClose={() => setAssessing(null)} />}
    </>
  );
}

function LevelHistory({ userId }: { userId: string }) {
  const history = useQualityQuery(['assessments', userId], (s) =>
    qualityApi.assessments({ subjectUserId: userId }, s),
  );
  const items = history.data?.items ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 36, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, itemWidth: 14, textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: items.map((a) => a.assessedOn) },
      yAxis: { type: 'value', min: 1, max: 5, interval: 1 },
      series: [
        {
          type: 'line',
          name: 'Level',
          data: items.map((a) => a.level),
          symbolSize: 9,
          lineStyle: { width: 2 },
        },
        {
          type: 'line',
          name: 'Score',
          data: items.map((a) => a.score),
          lineStyle: { type: 'dashed', width: 1 },
          symbolSize: 5,
        },
      ],
    }),
    [items],
  );
  return (
    <Stack gap="xs">
      <Chart option={option} height={220} testId="level-history" />
      {items.at(-1) && (
        <Group gap={6}>
          {items.at(-1)!.areas.map((area) => (
            <Text key={area.knowledgeArea} size="xs" c="dimmed">
              {area.knowledgeArea} {area.mean.toFixed(1)}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** The questionnaire form: every question answered 1–5; the server refuses missing answers by name. */
function AssessmentForm({ subject, onClose }: { subject: ManagerMaturity; onClose: () => void }) {
  const forms = useQualityQuery(['questionnaires'], qualityApi.questionnaires);
  const [formId, setFormId] = useState<string | null>(null);
  const [assessedOn, setAssessedOn] = useState(new Date().toISOString().slice(0, 10));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const form = forms.data?.items.find((f) => f.id === (formId ?? forms.data?.items[0]?.id));
  const save = useQualityMutation(
    () =>
      qualityApi.createAssessment({
        questionnaireId: form?.id,
        subjectType: 'user',
        subjectUserId: subject.userId,
        assessedOn,
        answers: Object.entries(answers).map(([questionId, score]) => ({ questionId, score: Number(score) })),
      }),
    onClose,
  );
  const areas = [...new Set(form?.questions.map((q) => q.knowledgeArea) ?? [])];
  return (
    <Modal opened onClose={onClose} title={`Assess ${subject.name}`} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <Stack gap="sm">
          <Group grow>
            <Select
              label="Questionnaire"
              data={(forms.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={form?.id ?? null}
              onChange={(v) => {
                setFormId(v);
                setAnswers({});
              }}
              allowDeselect={false}
            />
            <TextInput
              label="Assessed on"
              type="date"
              value={assessedOn}
              onChange={(e) => setAssessedOn(e.currentTarget.value)}
            />
          </Group>
          {areas.map((area) => (
            <Stack key={area} gap={4}>
              <Text size="sm" fw={600}>
                {area}
              </Text>
              {form?.questions
                .filter((q) => q.knowledgeArea === area)
                .map((q) => (
                  <Group key={q.id} justify="space-between" wrap="nowrap">
                    <Text size="sm">{q.text}</Text>
                    <SegmentedControl
                      size="xs"
                      value={answers[q.id] ?? ''}
                      onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
                      data={['1', '2', '3', '4', '5']}
                      aria-label={q.text}
                      data-testid={`answer-${q.position}`}
                    />
                  </Group>
                ))}
            </Stack>
          ))}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-assessment">
              Save assessment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
