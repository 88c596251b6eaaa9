import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type TemplateContent, useSaveTemplate } from '../../api/knowledge.ts';
import { ProblemAlert } from '../problem-alert.tsx';

const EXAMPLE: TemplateContent = {
  tasks: [
    { key: '1', name: 'Plan', parentKey: null, durationDays: 5, milestone: false },
    { key: '2', name: 'Deliver', parentKey: null, durationDays: 10, milestone: false },
    { key: '3', name: 'Accepted', parentKey: null, durationDays: 0, milestone: true },
  ],
  links: [
    { from: '1', to: '2', type: 'FS', lagDays: 0 },
    { from: '2', to: '3', type: 'FS', lagDays: 0 },
  ],
  risks: [],
  documents: [],
  gates: [],
};

/**
 * The PMO writes a template's content as JSON (tasks with keys and parents, links, risks, documents,
 * gates): a new template, or the next draft version of one. The server names every problem, a cycle
 * among the links with the tasks in it.
 */
export function TemplateEditor({
  templateId,
  initial,
  onClose,
  onSaved,
}: {
  templateId: string | null;
  initial?: TemplateContent;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const save = useSaveTemplate(templateId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [methodology, setMethodology] = useState<string | null>('predictive');
  const [changeNote, setChangeNote] = useState('');
  const [json, setJson] = useState(JSON.stringify(initial ?? EXAMPLE, null, 2));
  const [syntax, setSyntax] = useState<string | null>(null);
  const submit = () => {
    let content: unknown;
    try {
      content = JSON.parse(json);
    } catch (e) {
      setSyntax((e as Error).message);
      return;
    }
    setSyntax(null);
    save.mutate(
      { name, description, methodology: methodology ?? 'predictive', content, changeNote },
      {
        onSuccess: () => {
          onSaved?.();
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={templateId ? 'New template version (draft)' : 'New project template'}
      size="xl"
    >
      <Stack gap="sm">
        {templateId ? (
          <TextInput
            label="Change note"
            value={changeNote}
            onChange={(e) => setChangeNote(e.currentTarget.value)}
          />
        ) : (
          <>
            <Group grow>
              <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <Select
                label="Methodology"
                data={['predictive', 'agile', 'hybrid']}
                value={methodology}
                onChange={setMethodology}
                allowDeselect={false}
              />
            </Group>
            <TextInput
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
          </>
        )}
        <Text size="xs" c="dimmed">
          Tasks carry a key, a parentKey (null at the top), durationDays and milestone; links join keys with a
          type (FS, SS, FF, SF) and lagDays.
        </Text>
        <Textarea
          label="Content (JSON)"
          autosize
          minRows={14}
          maxRows={18}
          value={json}
          onChange={(e) => setJson(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          data-testid="template-json"
        />
        {syntax && (
          <Alert color="red" title="The content is not valid JSON">
            {syntax}
          </Alert>
        )}
        <ProblemAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="save-template">
            Save draft
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
