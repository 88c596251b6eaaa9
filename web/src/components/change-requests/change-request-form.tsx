import { Alert, Group, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  type ChangeCategory,
  type ChangeLevel,
  type ChangeOperation,
  type ChangeRequestBody,
  type ChangeRequestDetail,
  changeApi,
  changeKeys,
} from '../../api/change-requests.ts';
import { isApiError } from '../../api/client.ts';
import { FormModal } from '../../forms/form-modal.tsx';

const CATEGORIES: { value: ChangeCategory; label: string }[] = [
  { value: 'schedule', label: 'Schedule' },
  { value: 'scope', label: 'Scope' },
  { value: 'cost', label: 'Cost' },
  { value: 'quality', label: 'Quality' },
  { value: 'resource', label: 'Resource' },
  { value: 'other', label: 'Other' },
];

/** An operation still missing the task or link it names; the server would refuse it less kindly. */
function isIncomplete(op: ChangeOperation): boolean {
  switch (op.op) {
    case 'update_task':
    case 'delete_task':
      return !op.taskId;
    case 'add_task':
      return !op.name.trim() || !op.projectId;
    default:
      return !op.predecessorId || !op.successorId;
  }
}

/** Raise a change request, or edit one still submitted; saving computes its impact on the server. */
export function ChangeRequestForm({
  level,
  scopeId,
  existing,
  onClose,
  onSaved,
  editor,
}: {
  level: ChangeLevel;
  scopeId: string;
  existing?: ChangeRequestDetail;
  onClose: () => void;
  onSaved: (saved: ChangeRequestDetail) => void;
  editor: (ops: ChangeOperation[], onChange: (ops: ChangeOperation[]) => void) => React.ReactNode;
}) {
  const qc = useQueryClient();
  const [body, setBody] = useState<ChangeRequestBody>({
    title: existing?.title ?? '',
    reason: existing?.reason ?? '',
    description: existing?.description ?? '',
    category: existing?.category ?? 'schedule',
    costImpact: existing?.costImpact ?? 0,
    operations: existing?.operations ?? [],
  });
  const save = useMutation({
    mutationFn: () =>
      existing
        ? changeApi.update(existing.id, existing.version, body)
        : changeApi.create(level, scopeId, body),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: changeKeys.all });
      onSaved(saved);
    },
  });
  const [incomplete, setIncomplete] = useState<string | null>(null);
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = body.operations.findIndex(isIncomplete);
    setIncomplete(missing < 0 ? null : `Plan change ${missing + 1} is incomplete: choose its task or link.`);
    if (missing < 0) save.mutate();
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={existing ? `Edit CR-${existing.number}` : 'New change request'}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      shownFields={['title', 'costImpact']}
      submitLabel={existing ? 'Save and recompute impact' : 'Submit request'}
      size="xl"
    >
      <TextInput
        label="Title"
        required
        value={body.title}
        error={errors.title}
        onChange={(e) => setBody({ ...body, title: e.currentTarget.value })}
        data-testid="cr-title"
      />
      <Group grow align="flex-start">
        <Select
          label="Category"
          data={CATEGORIES}
          value={body.category}
          onChange={(v) => setBody({ ...body, category: (v ?? 'schedule') as ChangeCategory })}
        />
        <NumberInput
          label="Cost impact (estimate)"
          description="Tasks carry no cost yet: enter the estimate"
          value={body.costImpact}
          error={errors.costImpact}
          thousandSeparator=","
          onChange={(v) => setBody({ ...body, costImpact: Number(v || 0) })}
          data-testid="cr-cost"
        />
      </Group>
      <Textarea
        label="Reason"
        autosize
        minRows={2}
        value={body.reason}
        onChange={(e) => setBody({ ...body, reason: e.currentTarget.value })}
        data-testid="cr-reason"
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={body.description}
        onChange={(e) => setBody({ ...body, description: e.currentTarget.value })}
      />
      {editor(body.operations, (operations) => setBody({ ...body, operations }))}
      {incomplete && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="operations-incomplete">
          {incomplete}
        </Alert>
      )}
    </FormModal>
  );
}
