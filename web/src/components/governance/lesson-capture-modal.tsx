import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import {
  governanceEndpoints,
  type LessonKind,
  type LessonSource,
  useGovernanceMutation,
} from '../../api/governance.ts';
import { useList } from '../../api/queries.ts';
import { EntitySelect } from '../entity-select.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

export const LESSON_CATEGORIES = [
  'Planning',
  'Scope',
  'Schedule',
  'Cost',
  'Quality',
  'Risk',
  'Procurement',
  'Resources',
  'Stakeholders',
  'Communication',
  'Governance',
  'Technical',
];

const INTRO: Record<LessonSource, string> = {
  closure: 'The project has closed. What should the next project repeat, and what should it avoid?',
  termination: 'The project was terminated. Record what led there, so the next one sees it coming.',
  gate_review: 'Record what this gate review taught the team.',
  ad_hoc: 'Record something the organization should remember.',
};

/** Captures one lesson learned; opened after closure and termination, at gate reviews, or at will. */
export function LessonCaptureModal({
  projectId,
  source,
  gateReviewId,
  chooseProject = false,
  onClose,
}: {
  projectId: string | null;
  /** Let the author pick the project (the Lessons page); otherwise the lesson is the given project's. */
  chooseProject?: boolean;
  source: LessonSource;
  gateReviewId?: string | null;
  onClose: () => void;
}) {
  const [project, setProject] = useState<string | null>(projectId);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<string | null>('Planning');
  const [kind, setKind] = useState<LessonKind>(source === 'closure' ? 'success' : 'problem');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [riskIds, setRiskIds] = useState<string[]>([]);
  // The project's risks, to link the lesson to the ones it is about.
  const risks = useList(
    'risks',
    { projectId: project ?? undefined, pageSize: 200, sort: 'score', order: 'desc' },
    !!project,
  );
  const save = useGovernanceMutation(() =>
    governanceEndpoints.createLesson({
      projectId: project,
      gateReviewId: gateReviewId ?? null,
      source,
      title,
      category: category ?? '',
      kind,
      body,
      tags,
      riskIds,
    }),
  );
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title="Capture a lesson learned" size="lg" data-testid="lesson-capture">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {INTRO[source]}
        </Text>
        {chooseProject && (
          <EntitySelect
            collection="projects"
            label="Project"
            description="Leave empty for a lesson of the whole organization (PMO)."
            value={project}
            onChange={setProject}
            clearable
          />
        )}
        <TextInput
          label="Lesson"
          placeholder="Order long-lead equipment at initiation"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrors.title}
          required
          data-testid="lesson-title"
        />
        <Group grow>
          <Select
            label="Category"
            data={LESSON_CATEGORIES}
            value={category}
            onChange={setCategory}
            searchable
            error={fieldErrors.category}
          />
          <Select
            label="Kind"
            data={[
              { value: 'success', label: 'What went well' },
              { value: 'problem', label: 'What went wrong' },
              { value: 'recommendation', label: 'Recommendation' },
            ]}
            value={kind}
            onChange={(value) => value && setKind(value as LessonKind)}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label="What happened and what to do next time"
          autosize
          minRows={4}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        {project && (risks.data?.items.length ?? 0) > 0 && (
          <MultiSelect
            label="Related risks"
            placeholder="Link the risks this lesson is about"
            data={(risks.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
            value={riskIds}
            onChange={setRiskIds}
            searchable
            clearable
          />
        )}
        <TagsInput label="Tags" placeholder="Type and press Enter" value={tags} onChange={setTags} />
        <ProblemAlert error={save.error} shownFields={['title', 'category']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Later
          </Button>
          <Button
            loading={save.isPending}
            onClick={() => save.mutate(undefined, { onSuccess: onClose })}
            data-testid="lesson-save"
          >
            Save lesson
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
