import { Group, Input, SegmentedControl, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import {
  RAG_FIELDS,
  type Rag,
  type ReportBody,
  type StatusReportDetail,
  statusApi,
  statusKeys,
} from '../../api/status-reports.ts';
import { FormModal } from '../../forms/form-modal.tsx';

const RAG_OPTIONS = [
  { value: 'green', label: 'Green' },
  { value: 'amber', label: 'Amber' },
  { value: 'red', label: 'Red' },
];
const RAG_COLOR: Record<Rag, string> = { green: 'green', amber: 'yellow', red: 'red' };

const TEXTS = [
  ['narrative', 'Narrative', 'Where the project stands and why'],
  ['achievements', 'Achievements', 'What was done this period'],
  ['nextSteps', 'Next steps', 'What happens next period'],
  ['decisionsNeeded', 'Decisions needed', 'What you need from the program or the sponsor'],
] as const;

/** Write a new draft report or edit one; it is submitted from the report itself. */
export function ReportForm({
  projectId,
  existing,
  defaults,
  onClose,
  onSaved,
}: {
  projectId: string;
  existing?: StatusReportDetail;
  defaults: { periodStart: string; periodEnd: string };
  onClose: () => void;
  onSaved: (saved: StatusReportDetail) => void;
}) {
  const qc = useQueryClient();
  const [body, setBody] = useState<ReportBody>({
    periodStart: existing?.periodStart ?? defaults.periodStart,
    periodEnd: existing?.periodEnd ?? defaults.periodEnd,
    overallRag: existing?.overallRag ?? null,
    scheduleRag: existing?.scheduleRag ?? null,
    costRag: existing?.costRag ?? null,
    scopeRag: existing?.scopeRag ?? null,
    resourcesRag: existing?.resourcesRag ?? null,
    riskRag: existing?.riskRag ?? null,
    qualityRag: existing?.qualityRag ?? null,
    narrative: existing?.narrative ?? '',
    achievements: existing?.achievements ?? '',
    nextSteps: existing?.nextSteps ?? '',
    decisionsNeeded: existing?.decisionsNeeded ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      existing ? statusApi.update(existing.id, existing.version, body) : statusApi.create(projectId, body),
    onSuccess: async (saved) => {
      qc.setQueryData(statusKeys.item(saved.id), saved);
      await qc.invalidateQueries({ queryKey: statusKeys.all });
      onSaved(saved);
    },
  });
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={existing ? 'Edit draft status report' : 'New status report'}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={['periodStart', 'periodEnd', ...RAG_FIELDS.map(([f]) => f), ...TEXTS.map(([f]) => f)]}
      submitLabel="Save draft"
      size="xl"
    >
      <Group grow>
        <TextInput
          type="date"
          label="Period start"
          required
          value={body.periodStart}
          error={errors.periodStart}
          onChange={(e) => setBody({ ...body, periodStart: e.currentTarget.value })}
          data-testid="period-start"
        />
        <TextInput
          type="date"
          label="Period end (status date)"
          required
          value={body.periodEnd}
          error={errors.periodEnd}
          onChange={(e) => setBody({ ...body, periodEnd: e.currentTarget.value })}
          data-testid="period-end"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
        {RAG_FIELDS.map(([field, label]) => {
          const value = body[field];
          return (
            <Input.Wrapper key={field} label={label} error={errors[field]}>
              <SegmentedControl
                fullWidth
                size="xs"
                data={RAG_OPTIONS}
                value={value ?? ''}
                color={value ? RAG_COLOR[value] : undefined}
                onChange={(v) => setBody({ ...body, [field]: v as Rag })}
                data-testid={`rag-${field}`}
              />
            </Input.Wrapper>
          );
        })}
      </SimpleGrid>
      {TEXTS.map(([field, label, placeholder]) => (
        <Textarea
          key={field}
          label={label}
          placeholder={placeholder}
          autosize
          minRows={field === 'narrative' ? 3 : 2}
          value={body[field]}
          error={errors[field]}
          onChange={(e) => setBody({ ...body, [field]: e.currentTarget.value })}
          data-testid={`text-${field}`}
        />
      ))}
    </FormModal>
  );
}
