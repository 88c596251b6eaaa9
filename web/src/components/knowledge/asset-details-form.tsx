import { Button, Group, Modal, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type AssetDetail, useUpdateAsset } from '../../api/knowledge.ts';
import { humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/** The PMO edits what an asset is and where it applies; the text changes only through versions. */
export function AssetDetailsForm({ asset, onClose }: { asset: AssetDetail; onClose: () => void }) {
  const update = useUpdateAsset(asset.id);
  const [title, setTitle] = useState(asset.title);
  const [summary, setSummary] = useState(asset.summary);
  const [tags, setTags] = useState(asset.tags);
  const [methodology, setMethodology] = useState<string | null>(asset.methodology);
  const [projectType, setProjectType] = useState(asset.projectType ?? '');
  return (
    <Modal opened onClose={onClose} title="Asset details" size="lg">
      <Stack gap="sm">
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Textarea
          label="Summary"
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
        />
        <TagsInput label="Tags" value={tags} onChange={setTags} />
        <Group grow>
          <Select
            label="Methodology"
            placeholder="Any methodology"
            clearable
            data={['predictive', 'agile', 'hybrid'].map((m) => ({ value: m, label: humanize(m) }))}
            value={methodology}
            onChange={setMethodology}
          />
          <TextInput
            label="Project type"
            placeholder="Any type"
            value={projectType}
            onChange={(e) => setProjectType(e.currentTarget.value)}
          />
        </Group>
        <ProblemAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                {
                  version: asset.version,
                  changes: { title, summary, tags, methodology, projectType: projectType.trim() || null },
                },
                { onSuccess: onClose },
              )
            }
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
