import { Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { qualityApi, useQualityMutation, useQualityQuery } from '../../api/quality.ts';
import { ProblemAlert } from '../problem-alert.tsx';

type Result = 'pass' | 'fail' | 'na';

/** Records an inspection or an audit: the standard, then pass / fail / n/a per checklist item. */
export function InspectionForm({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const standards = useQualityQuery(['standards'], qualityApi.standards);
  const [standardId, setStandardId] = useState<string | null>(null);
  const [kind, setKind] = useState<'inspection' | 'audit'>('inspection');
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [results, setResults] = useState<Record<string, Result>>({});
  const standard = standards.data?.items.find((s) => s.id === standardId);
  const save = useQualityMutation(
    () =>
      qualityApi.createInspection({
        projectId,
        standardId,
        kind,
        title,
        heldOn,
        results: Object.entries(results).map(([itemId, result]) => ({ itemId, result })),
      }),
    onClose,
  );
  return (
    <Modal opened onClose={onClose} title="Record an inspection or audit" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'inspection' | 'audit')}
            data={[
              { value: 'inspection', label: 'Inspection' },
              { value: 'audit', label: 'Audit' },
            ]}
          />
          <TextInput
            label="Title"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-testid="inspection-title"
          />
          <Group grow>
            <Select
              label="Standard"
              required
              data={(standards.data?.items ?? [])
                .filter((s) => s.active)
                .map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
              value={standardId}
              onChange={(v) => {
                setStandardId(v);
                setResults({});
              }}
              data-testid="inspection-standard"
            />
            <TextInput
              label="Held on"
              type="date"
              required
              value={heldOn}
              onChange={(e) => setHeldOn(e.currentTarget.value)}
            />
          </Group>
          {standard && (
            <Table fz="sm" verticalSpacing={4}>
              <Table.Tbody>
                {standard.checklist.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.text}</Table.Td>
                    <Table.Td w={190}>
                      <SegmentedControl
                        size="xs"
                        value={results[item.id] ?? ''}
                        onChange={(v) => setResults((r) => ({ ...r, [item.id]: v as Result }))}
                        data={[
                          { value: 'pass', label: 'Pass' },
                          { value: 'fail', label: 'Fail' },
                          { value: 'na', label: 'n/a' },
                        ]}
                        aria-label={`Result of ${item.text}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {standard && standard.checklist.length > Object.keys(results).length && (
            <Text size="xs" c="dimmed">
              Items left blank are recorded as not checked.
            </Text>
          )}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!standardId || !title}
              data-testid="save-inspection"
            >
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
