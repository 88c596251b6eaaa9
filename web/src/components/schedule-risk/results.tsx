import { Badge, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useList } from '../../api/queries.ts';
import type { FinishDistribution, SimulationResult } from '../../api/schedule-risk.ts';
import { Chart, type ChartOption } from '../chart.tsx';

const day = (iso: string) => iso.slice(0, 10);
const percent = (p: number) => `${Math.round(p * 1000) / 10} %`;
const MARKERS = [10, 50, 90];

function histogramOption(finish: FinishDistribution): ChartOption {
  const bins = finish.histogram;
  const indexOf = (minutes: number) =>
    Math.max(
      0,
      bins.findIndex((b) => minutes <= b.to),
    );
  const marks = MARKERS.map((p) => {
    const point = finish.percentiles.find((x) => x.p === p)!;
    return {
      name: `P${p}`,
      xAxis: indexOf(point.workingMinutes),
      label: { formatter: `P${p} ${day(point.iso).slice(5)}` },
    };
  });
  return {
    grid: { left: 48, right: 24, top: 44, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: bins.map((b) => day(b.toIso)), axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: 'value', name: 'iterations' },
    series: [
      {
        type: 'bar',
        name: 'Finishes',
        data: bins.map((b) => b.count),
        itemStyle: { color: '#4c6ef5' },
        barCategoryGap: '8%',
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#e8590c', type: 'dashed' },
          label: { fontSize: 10 },
          data: marks,
        },
      },
    ],
  };
}

function sCurveOption(finish: FinishDistribution): ChartOption {
  return {
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => percent(Number(v)) },
    xAxis: {
      type: 'category',
      data: finish.cumulative.map((c) => day(c.iso)),
      axisLabel: { rotate: 30, fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
    },
    series: [
      {
        type: 'line',
        name: 'Probability of finishing by',
        data: finish.cumulative.map((c) => c.probability),
        smooth: true,
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: '#2f9e44', width: 2 },
        itemStyle: { color: '#2f9e44' },
      },
    ],
  };
}

function tornadoOption(result: SimulationResult): ChartOption {
  const byId = new Map(result.tasks.map((t) => [t.taskId, t]));
  const top = result.sensitivityRanking
    .slice(0, 15)
    .map((id) => byId.get(id)!)
    .reverse();
  return {
    grid: { left: 200, right: 32, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      min: -1,
      max: 1,
      name: 'rank correlation with the finish',
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: {
      type: 'category',
      data: top.map((t) => (t.name.length > 28 ? `${t.name.slice(0, 27)}…` : t.name)),
      axisLabel: { fontSize: 11 },
    },
    series: [
      {
        type: 'bar',
        name: 'Sensitivity',
        data: top.map((t) => ({
          value: Math.round(t.sensitivity * 1000) / 1000,
          itemStyle: { color: t.sensitivity >= 0 ? '#c92a2a' : '#2b8a3e' },
        })),
      },
    ],
  };
}

/** Each project's finish percentiles, for a run over several projects (a program). */
function ProjectFinishes({ result }: { result: SimulationResult }) {
  const ids = result.projects.map((p) => p.id);
  const projects = useList('projects', { pageSize: 200 }, ids.length > 1);
  const names = new Map((projects.data?.items ?? []).map((p) => [p.id, `${p.code} · ${p.name}`]));
  const at = (f: FinishDistribution, p: number) => day(f.percentiles.find((x) => x.p === p)!.iso);
  return (
    <Paper withBorder radius="sm" p="sm" mb="md">
      <Title order={5}>Finish per project</Title>
      <Table verticalSpacing={3} fz="sm" striped data-testid="risk-projects">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>P10</Table.Th>
            <Table.Th>P50</Table.Th>
            <Table.Th>P80</Table.Th>
            <Table.Th>P90</Table.Th>
            <Table.Th ta="right">Plan met in</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.projects.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{names.get(p.id) ?? p.id}</Table.Td>
              <Table.Td>{day(p.deterministic.iso)}</Table.Td>
              <Table.Td>{at(p, 10)}</Table.Td>
              <Table.Td>{at(p, 50)}</Table.Td>
              <Table.Td>{at(p, 80)}</Table.Td>
              <Table.Td>{at(p, 90)}</Table.Td>
              <Table.Td ta="right">{percent(p.deterministic.probability)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Finish distribution, S-curve, tornado and criticality of one simulation run. */
export function SimulationResults({ result }: { result: SimulationResult }) {
  const histogram = useMemo(() => histogramOption(result.finish), [result]);
  const sCurve = useMemo(() => sCurveOption(result.finish), [result]);
  const tornado = useMemo(() => tornadoOption(result), [result]);
  const critical = result.tasks
    .filter((t) => t.criticality > 0)
    .sort((a, b) => b.criticality - a.criticality)
    .slice(0, 25);
  const f = result.finish;
  return (
    <>
      <Group gap="xs" mb="sm" data-testid="risk-summary">
        {[10, 50, 80, 90].map((p) => (
          <Badge key={p} variant="light" size="lg" radius="sm">
            P{p} {day(f.percentiles.find((x) => x.p === p)!.iso)}
          </Badge>
        ))}
        <Badge variant="outline" color="gray" size="lg" radius="sm">
          Plan {day(f.deterministic.iso)} · {percent(f.deterministic.probability)}
        </Badge>
        {f.target && (
          <Badge
            variant="filled"
            color={f.target.probability >= 0.8 ? 'green' : f.target.probability >= 0.5 ? 'yellow' : 'red'}
            size="lg"
            radius="sm"
          >
            Target {day(f.target.iso)} · {percent(f.target.probability)}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {result.iterations.toLocaleString()} iterations · seed {result.seed} · {result.uncertainTasks}{' '}
          uncertain tasks · {result.riskEvents} risk events · {Math.round(result.timings.simulateMs)} ms
        </Text>
      </Group>
      {result.projects.length > 1 && <ProjectFinishes result={result} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Paper withBorder radius="sm" p="sm">
          <Title order={5}>Finish dates</Title>
          <Chart option={histogram} testId="risk-histogram" />
        </Paper>
        <Paper withBorder radius="sm" p="sm">
          <Title order={5}>Probability of finishing by (S-curve)</Title>
          <Chart option={sCurve} testId="risk-s-curve" />
        </Paper>
        <Paper withBorder radius="sm" p="sm">
          <Title order={5}>Sensitivity (top 15)</Title>
          {result.sensitivityRanking.length === 0 ? (
            <Text size="sm" c="dimmed">
              No task duration moves the finish.
            </Text>
          ) : (
            <Chart option={tornado} height={360} testId="risk-tornado" />
          )}
        </Paper>
        <Paper withBorder radius="sm" p="sm">
          <Title order={5}>Criticality index</Title>
          <Table verticalSpacing={3} fz="sm" striped data-testid="risk-criticality">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Task</Table.Th>
                <Table.Th ta="right">Critical in</Table.Th>
                <Table.Th ta="right">Sensitivity</Table.Th>
                <Table.Th ta="right">Mean days</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {critical.map((t) => (
                <Table.Tr key={t.taskId}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td ta="right">{percent(t.criticality)}</Table.Td>
                  <Table.Td ta="right">{t.sensitivity.toFixed(2)}</Table.Td>
                  <Table.Td ta="right">{(t.meanDuration / 480).toFixed(1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
    </>
  );
}
