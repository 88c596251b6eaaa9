import {
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBulb, IconGitPullRequest, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import {
  type ChangeProposal,
  governanceEndpoints,
  type Lesson,
  useChangeProposals,
  useGovernanceMutation,
  useLessons,
} from '../api/governance.ts';
import { useAssets, useTemplates } from '../api/knowledge.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { LESSON_CATEGORIES, LessonCaptureModal } from '../components/governance/lesson-capture-modal.tsx';
import { LessonCard } from '../components/governance/suggested-lessons.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { humanize } from '../lib/format.ts';

function ProposeModal({ lesson, onClose }: { lesson: Lesson; onClose: () => void }) {
  const [targetKind, setTargetKind] = useState<string | null>('template');
  const [targetReference, setTargetReference] = useState('');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [proposedText, setProposedText] = useState(lesson.body);
  const isTemplate = targetKind === 'template';
  const templates = useTemplates();
  const assets = useAssets({ pageSize: 200 });
  const linkable = isTemplate
    ? (templates.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))
    : (assets.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.title} (${humanize(a.kind)})` }));
  const save = useGovernanceMutation(() =>
    governanceEndpoints.proposeChange(lesson.id, {
      targetKind,
      targetReference,
      targetAssetId: isTemplate ? null : targetId,
      targetTemplateId: isTemplate ? targetId : null,
      proposedText,
    }),
  );
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title="Propose a change to a template or standard" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          From the lesson “{lesson.title}”. The PMO accepts or rejects the proposal.
        </Text>
        <Group grow>
          <Select
            label="Change to"
            data={['template', 'standard', 'checklist', 'process', 'other'].map((v) => ({
              value: v,
              label: humanize(v),
            }))}
            value={targetKind}
            onChange={(kind) => {
              setTargetKind(kind);
              setTargetId(null);
            }}
            allowDeselect={false}
          />
          <Select
            label={isTemplate ? 'Project template' : 'Process asset'}
            placeholder="From the knowledge hub (optional)"
            data={linkable}
            value={targetId}
            onChange={(id) => {
              setTargetId(id);
              const chosen = linkable.find((option) => option.value === id);
              if (chosen && !targetReference) setTargetReference(chosen.label);
            }}
            searchable
            clearable
            error={errors.targetAssetId ?? errors.targetTemplateId}
            data-testid="proposal-link"
          />
        </Group>
        <Group grow>
          <TextInput
            label="Which one"
            placeholder="Project charter template, section 5"
            value={targetReference}
            onChange={(e) => setTargetReference(e.currentTarget.value)}
            error={errors.targetReference}
            required
            data-testid="proposal-target"
          />
        </Group>
        <Textarea
          label="Proposed text"
          autosize
          minRows={4}
          value={proposedText}
          onChange={(e) => setProposedText(e.currentTarget.value)}
          error={errors.proposedText}
          required
          data-testid="proposal-text"
        />
        <ProblemAlert
          error={save.error}
          shownFields={['targetReference', 'targetAssetId', 'targetTemplateId', 'proposedText']}
        />
        <Group justify="flex-end">
          <Button
            loading={save.isPending}
            onClick={() => save.mutate(undefined, { onSuccess: onClose })}
            data-testid="proposal-save"
          >
            Propose change
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const PROPOSAL_COLORS: Record<ChangeProposal['status'], string> = {
  proposed: 'blue',
  accepted: 'teal',
  rejected: 'gray',
  implemented: 'green',
};

function Proposals({ canDecide }: { canDecide: boolean }) {
  const proposals = useChangeProposals();
  const decide = useGovernanceMutation(
    ({ proposal, status }: { proposal: ChangeProposal; status: ChangeProposal['status'] }) =>
      governanceEndpoints.decideProposal(proposal, status),
  );
  const items = proposals.data?.items ?? [];
  return (
    <Paper withBorder radius="sm" p="md" data-testid="proposals">
      <Title order={5} mb="xs">
        Proposed changes to standards
      </Title>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet. Turn a lesson into a proposal with “Propose change”.
        </Text>
      )}
      <Stack gap="xs">
        {items.map((p) => (
          <Paper key={p.id} withBorder radius="sm" p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Text size="sm" fw={600}>
                  {humanize(p.targetKind)}: {p.targetReference}
                </Text>
                {p.targetTitle && (p.targetAssetId || p.targetTemplateId) && (
                  <AnchorLink
                    to={p.targetTemplateId ? '/templates/$id' : '/knowledge/$id'}
                    params={{ id: (p.targetTemplateId ?? p.targetAssetId) as string }}
                    size="xs"
                    data-testid="proposal-target-link"
                  >
                    {p.targetTitle}
                  </AnchorLink>
                )}
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {p.proposedText}
                </Text>
                <Text size="xs" c="dimmed">
                  From “{p.lessonTitle}”{p.proposedByName ? ` · ${p.proposedByName}` : ''}
                </Text>
              </div>
              <Badge color={PROPOSAL_COLORS[p.status]} variant="light" style={{ flexShrink: 0 }}>
                {p.status}
              </Badge>
            </Group>
            {canDecide && p.status === 'proposed' && (
              <Group gap="xs" mt={6} justify="flex-end">
                <Button
                  size="compact-xs"
                  variant="light"
                  color="teal"
                  onClick={() => decide.mutate({ proposal: p, status: 'accepted' })}
                >
                  Accept
                </Button>
                <Button
                  size="compact-xs"
                  variant="light"
                  color="gray"
                  onClick={() => decide.mutate({ proposal: p, status: 'rejected' })}
                >
                  Reject
                </Button>
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
      <ProblemAlert error={decide.error} />
    </Paper>
  );
}

/** The organization's lessons learned: ranked full-text search, filters, capture, proposals to standards. */
export function LessonsPage() {
  const { can } = usePermissions();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [category, setCategory] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(false);
  const [proposing, setProposing] = useState<Lesson | null>(null);
  const lessons = useLessons({
    q: q || undefined,
    category: category ?? undefined,
    kind: kind ?? undefined,
    source: source ?? undefined,
    pageSize: 100,
    order: 'desc',
  });
  const canCapture = can('project.edit');
  const items = lessons.data?.items ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Lessons learned' }]}
        title="Lessons learned"
        subtitle="Captured at gates, at closure and at termination; searchable by everyone."
        actions={
          canCapture && (
            <Button
              leftSection={<IconBulb size={16} />}
              onClick={() => setCapturing(true)}
              data-testid="capture-lesson"
            >
              Capture lesson
            </Button>
          )
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="sm" p="sm" mb="sm">
            <Group gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 2 }}
                placeholder='Search: transformer customs, "interface contract", -vendor'
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                data-testid="lesson-search"
              />
              <Select
                placeholder="Category"
                clearable
                data={LESSON_CATEGORIES}
                value={category}
                onChange={setCategory}
              />
              <Select
                style={{ flex: 1 }}
                placeholder="Kind"
                clearable
                data={['success', 'problem', 'recommendation'].map((v) => ({ value: v, label: humanize(v) }))}
                value={kind}
                onChange={setKind}
              />
              <Select
                style={{ flex: 1 }}
                placeholder="Source"
                clearable
                data={['gate_review', 'closure', 'termination', 'ad_hoc'].map((v) => ({
                  value: v,
                  label: humanize(v),
                }))}
                value={source}
                onChange={setSource}
              />
            </Group>
          </Paper>
          <Text size="xs" c="dimmed" mb={6} data-testid="lesson-count">
            {lessons.data?.total ?? 0} lesson{lessons.data?.total === 1 ? '' : 's'}
            {q ? ', best match first' : ', newest first'}
          </Text>
          <Stack gap="xs" data-testid="lesson-list">
            {items.map((lesson) => (
              <LessonCard
                key={lesson.id}
                lesson={lesson}
                actions={
                  canCapture && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconGitPullRequest size={14} />}
                      onClick={() => setProposing(lesson)}
                    >
                      Propose change
                    </Button>
                  )
                }
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Proposals canDecide={can('admin')} />
        </Grid.Col>
      </Grid>
      {capturing && (
        <LessonCaptureModal
          projectId={null}
          source="ad_hoc"
          chooseProject
          onClose={() => setCapturing(false)}
        />
      )}
      {proposing && <ProposeModal lesson={proposing} onClose={() => setProposing(null)} />}
    </>
  );
}
