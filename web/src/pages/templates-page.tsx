import {
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconRocket, IconTemplate } from '@tabler/icons-react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import {
  type TemplateContent,
  type TemplateDetail,
  useInstantiateTemplate,
  usePublishTemplateVersion,
  useTemplate,
  useTemplates,
  useTemplateVersion,
} from '../api/knowledge.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { TemplateEditor } from '../components/knowledge/template-editor.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { humanize } from '../lib/format.ts';

export function TemplatesPage() {
  const templates = useTemplates();
  const { can } = usePermissions();
  const [creating, setCreating] = useState(false);
  return (
    <>
      {creating && <TemplateEditor templateId={null} onClose={() => setCreating(false)} />}
      <PageHeader
        actions={
          can('admin') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New template
            </Button>
          )
        }
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Knowledge hub', to: '/knowledge' },
          { label: 'Project templates' },
        ]}
        title="Project templates"
        subtitle="A WBS with durations and links, standard risks, required documents and gate checklists — ready to become a project"
      />
      {templates.error && <LoadError error={templates.error} what="templates" />}
      <Grid gap="sm" data-testid="templates-list">
        {templates.data?.items.map((t) => (
          <Grid.Col key={t.id} span={{ base: 12, sm: 6, lg: 4 }}>
            <Paper withBorder radius="sm" p="md" h="100%">
              <Group justify="space-between" mb={6} wrap="nowrap">
                <AnchorLink to="/templates/$id" params={{ id: t.id }} fw={600}>
                  {t.name}
                </AnchorLink>
                <Badge variant="light" color={t.publishedNumber ? 'green' : 'gray'}>
                  {t.publishedNumber ? `v${t.publishedNumber}` : 'draft'}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" lineClamp={3} mb="xs">
                {t.description || 'No description.'}
              </Text>
              <Text size="xs" c="dimmed">
                {humanize(t.methodology)} · {t.taskCount} tasks
              </Text>
            </Paper>
          </Grid.Col>
        ))}
      </Grid>
      {templates.data?.items.length === 0 && (
        <Paper withBorder p="lg" ta="center">
          <IconTemplate size={28} color="var(--mantine-color-gray-5)" />
          <Text c="dimmed">No templates yet.</Text>
        </Paper>
      )}
    </>
  );
}

/** The WBS as an indented outline, with each task's predecessors in the template's own keys. */
function WbsPreview({ content }: { content: TemplateContent }) {
  const rows = useMemo(() => {
    const children = new Map<string | null, TemplateContent['tasks']>();
    for (const task of content.tasks) {
      const list = children.get(task.parentKey) ?? [];
      list.push(task);
      children.set(task.parentKey, list);
    }
    const out: Array<{ task: TemplateContent['tasks'][number]; depth: number; summary: boolean }> = [];
    const walk = (parent: string | null, depth: number) => {
      for (const task of children.get(parent) ?? []) {
        out.push({ task, depth, summary: children.has(task.key) });
        if (depth < 20) walk(task.key, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [content]);
  const predecessors = (key: string) =>
    content.links
      .filter((l) => l.to === key)
      .map(
        (l) =>
          `${l.from}${l.type === 'FS' ? '' : l.type}${l.lagDays ? `${l.lagDays > 0 ? '+' : ''}${l.lagDays}d` : ''}`,
      )
      .join(', ');
  return (
    <Table data-testid="wbs-preview" striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>WBS</Table.Th>
          <Table.Th>Task</Table.Th>
          <Table.Th ta="right" w={90}>
            Duration
          </Table.Th>
          <Table.Th w={140}>Predecessors</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ task, depth, summary }) => (
          <Table.Tr key={task.key}>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {task.key}
              </Text>
            </Table.Td>
            <Table.Td style={{ paddingLeft: 12 + depth * 18 }}>
              <Text size="sm" fw={summary ? 600 : 400}>
                {task.milestone ? '◆ ' : ''}
                {task.name}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              {summary ? '' : task.milestone ? 'milestone' : `${task.durationDays} d`}
            </Table.Td>
            <Table.Td>{predecessors(task.key)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function InstantiateForm({ template }: { template: TemplateDetail }) {
  const instantiate = useInstantiateTemplate(template.id);
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState<string | null>(null);
  const [portfolio, setPortfolio] = useState<string | null>(null);
  const [program, setProgram] = useState<string | null>(null);
  const [start, setStart] = useState(new Date().toISOString().slice(0, 10));
  const fieldErrors =
    instantiate.error && 'fieldErrors' in instantiate.error
      ? (instantiate.error as { fieldErrors(): Record<string, string> }).fieldErrors()
      : {};
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="instantiate-form">
      <Title order={5} mb="xs">
        Create a project from this template
      </Title>
      <Stack gap="xs">
        <Group grow>
          <TextInput
            label="Code"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldErrors.code}
            data-testid="new-code"
          />
          <TextInput
            label="Start"
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            type="date"
            error={fieldErrors.startDate}
          />
        </Group>
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
          data-testid="new-name"
        />
        <EntitySelect
          collection="business-units"
          label="Business unit"
          value={unit}
          onChange={setUnit}
          error={fieldErrors.businessUnitId}
          data-testid="new-unit"
        />
        <EntitySelect
          collection="portfolios"
          label="Portfolio"
          value={portfolio}
          onChange={setPortfolio}
          error={fieldErrors.portfolioId}
          data-testid="new-portfolio"
        />
        <EntitySelect
          collection="programs"
          label="Program (optional)"
          value={program}
          onChange={setProgram}
          clearable
          params={portfolio ? { portfolioId: portfolio } : undefined}
        />
        <ProblemAlert error={instantiate.error} shownFields={Object.keys(fieldErrors)} />
        <Button
          leftSection={<IconRocket size={16} />}
          disabled={!template.publishedNumber}
          loading={instantiate.isPending}
          onClick={() =>
            instantiate.mutate(
              {
                code,
                name,
                businessUnitId: unit,
                portfolioId: portfolio,
                programId: program,
                startDate: start,
              },
              { onSuccess: (result) => navigate({ to: '/projects/$id', params: { id: result.projectId } }) },
            )
          }
          data-testid="instantiate"
        >
          Create project from v{template.publishedNumber ?? '—'}
        </Button>
      </Stack>
    </Paper>
  );
}

export function TemplatePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = usePermissions();
  const template = useTemplate(id);
  const publish = usePublishTemplateVersion();
  const [selected, setSelected] = useState<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const data = template.data;
  useEffect(() => {
    if (!data || (selected && data.versions.some((v) => v.id === selected))) return;
    setSelected((data.versions.find((v) => v.status === 'published') ?? data.versions[0])?.id ?? null);
  }, [data, selected]);
  const version = useTemplateVersion(selected);
  if (template.isLoading) return <PageLoader />;
  if (template.error || !data) return <LoadError error={template.error} what="template" />;
  const content = version.data?.content;
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Knowledge hub', to: '/knowledge' },
          { label: 'Project templates', to: '/templates' },
          { label: data.name },
        ]}
        title={data.name}
        subtitle={data.description || undefined}
        badges={<Badge variant="light">{humanize(data.methodology)}</Badge>}
      />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Group gap="sm" align="flex-end">
              <Select
                label="Version"
                w={240}
                data={data.versions.map((v) => ({
                  value: v.id,
                  label: `v${v.number} · ${humanize(v.status)}`,
                }))}
                value={selected}
                onChange={setSelected}
                allowDeselect={false}
              />
              {version.data?.status === 'draft' && data.canManage && (
                <Button
                  variant="light"
                  color="green"
                  loading={publish.isPending}
                  onClick={() =>
                    version.data && publish.mutate({ id: version.data.id, version: version.data.version })
                  }
                >
                  Publish v{version.data.number}
                </Button>
              )}
              {data.canManage && data.latestStatus !== 'draft' && (
                <Button
                  variant="default"
                  onClick={() => setDrafting(true)}
                  data-testid="new-template-version"
                >
                  New version
                </Button>
              )}
              {version.data?.changeNote && (
                <Text size="sm" c="dimmed">
                  {version.data.changeNote}
                </Text>
              )}
            </Group>
            <ProblemAlert error={publish.error} />
            {content && <WbsPreview content={content} />}
            {drafting && (
              <TemplateEditor
                templateId={data.id}
                initial={content}
                onClose={() => setDrafting(false)}
                onSaved={() => setSelected(null)}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            {can('project.create') && <InstantiateForm template={data} />}
            {content && (
              <>
                <Paper withBorder radius="sm" p="sm">
                  <Title order={5} mb="xs">
                    Standard risks
                  </Title>
                  <List size="sm" spacing={4}>
                    {content.risks.map((r) => (
                      <List.Item key={r.title}>
                        {r.title}{' '}
                        <Text span size="xs" c="dimmed">
                          P {Math.round(r.probability * 100)}% · impact {r.impact}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </Paper>
                <Paper withBorder radius="sm" p="sm">
                  <Title order={5} mb="xs">
                    Required documents
                  </Title>
                  <List size="sm" spacing={4}>
                    {content.documents.map((d) => (
                      <List.Item key={d.identifier}>
                        <Text span fw={500} size="sm">
                          {d.identifier}
                        </Text>{' '}
                        {d.title}
                      </List.Item>
                    ))}
                  </List>
                </Paper>
                <Paper withBorder radius="sm" p="sm">
                  <Title order={5} mb="xs">
                    Gate checklists
                  </Title>
                  <Stack gap="xs">
                    {content.gates.map((g) => (
                      <div key={g.name}>
                        <Text size="sm" fw={500}>
                          {g.name}
                        </Text>
                        <List size="sm" spacing={2}>
                          {g.checklist.map((c) => (
                            <List.Item key={c}>{c}</List.Item>
                          ))}
                        </List>
                      </div>
                    ))}
                  </Stack>
                </Paper>
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
