import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileDiff, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import {
  type AssetDetail,
  type AssetStatus,
  type AssetVersion,
  uploadAttachment,
  useAsset,
  useAssetDiff,
  useAssetVersion,
  useEditAssetVersion,
  useNewAssetVersion,
  useTransitionAssetVersion,
} from '../api/knowledge.ts';
import { AssetDetailsForm } from '../components/knowledge/asset-details-form.tsx';
import { DiffView } from '../components/knowledge/diff-view.tsx';
import { Markdown } from '../components/knowledge/markdown.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { formatDateTime, humanize } from '../lib/format.ts';
import { KindBadge, STATUS_COLORS } from './knowledge-page.tsx';

function StatusBadge({ status }: { status: AssetStatus }) {
  return (
    <Badge size="sm" variant="light" color={STATUS_COLORS[status]}>
      {humanize(status)}
    </Badge>
  );
}

/** The buttons a version's status allows this reader; the server checks again. */
function Lifecycle({
  asset,
  version,
  onEdit,
}: {
  asset: AssetDetail;
  version: AssetVersion;
  onEdit: () => void;
}) {
  const transition = useTransitionAssetVersion();
  const move = (to: AssetStatus) => transition.mutate({ id: version.id, version: version.version, to });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {version.status === 'draft' && asset.canDraft && (
          <>
            <Button size="xs" variant="default" onClick={onEdit} data-testid="edit-draft">
              Edit draft
            </Button>
            <Button
              size="xs"
              onClick={() => move('in_review')}
              loading={transition.isPending}
              data-testid="submit-review"
            >
              Submit for review
            </Button>
          </>
        )}
        {version.status === 'in_review' && asset.canDraft && (
          <Button size="xs" variant="default" onClick={() => move('draft')} loading={transition.isPending}>
            Back to draft
          </Button>
        )}
        {version.status === 'in_review' && asset.canManage && (
          <Button
            size="xs"
            color="green"
            onClick={() => move('published')}
            loading={transition.isPending}
            data-testid="publish"
          >
            Publish
          </Button>
        )}
        {version.status === 'published' && asset.canManage && (
          <Button
            size="xs"
            color="red"
            variant="light"
            onClick={() => move('retired')}
            loading={transition.isPending}
          >
            Retire
          </Button>
        )}
      </Group>
      <ProblemAlert error={transition.error} />
    </Stack>
  );
}

function DraftEditor({ version, onDone }: { version: AssetVersion; onDone: () => void }) {
  const edit = useEditAssetVersion();
  const [body, setBody] = useState(version.body);
  const [note, setNote] = useState(version.changeNote);
  return (
    <Stack gap="xs">
      <TextInput label="Change note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Textarea
        label="Body (Markdown)"
        autosize
        minRows={12}
        maxRows={30}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        data-testid="draft-body"
      />
      <ProblemAlert error={edit.error} />
      <Group justify="flex-end">
        <Button variant="default" size="xs" onClick={onDone}>
          Cancel
        </Button>
        <Button
          size="xs"
          loading={edit.isPending}
          onClick={() =>
            edit.mutate(
              { id: version.id, version: version.version, body, changeNote: note },
              { onSuccess: onDone },
            )
          }
          data-testid="save-draft"
        >
          Save draft
        </Button>
      </Group>
    </Stack>
  );
}

function Attachments({ asset }: { asset: AssetDetail }) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Paper withBorder radius="sm" p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          <Group gap={6}>
            <IconPaperclip size={16} /> Attachments
          </Group>
        </Title>
        {asset.canDraft && (
          <FileButton
            onChange={async (file) => {
              if (!file) return;
              setBusy(true);
              setError(null);
              try {
                await uploadAttachment(asset.id, file);
                await qc.invalidateQueries({ queryKey: ['process-assets'] });
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconUpload size={14} />}
                loading={busy}
              >
                Upload
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {asset.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No files attached.
        </Text>
      ) : (
        <Stack gap={4}>
          {asset.attachments.map((file) => (
            <Group key={file.id} justify="space-between" wrap="nowrap">
              <Anchor href={`/api/v1/asset-attachments/${file.id}`} size="sm">
                {file.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {Math.max(1, Math.round(file.sizeBytes / 1024))} KB
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {error instanceof Error && (
        <Text size="sm" c="red" mt="xs">
          {error.message}
        </Text>
      )}
    </Paper>
  );
}

function CompareVersions({ asset }: { asset: AssetDetail }) {
  const numbers = asset.versions.map((v) => v.number).sort((a, b) => a - b);
  const [from, setFrom] = useState<number | null>(numbers.length > 1 ? (numbers.at(-2) ?? null) : null);
  const [to, setTo] = useState<number | null>(numbers.at(-1) ?? null);
  const diff = useAssetDiff(asset.id, from, to);
  const options = asset.versions.map((v) => ({
    value: String(v.number),
    label: `v${v.number} · ${humanize(v.status)}`,
  }));
  if (numbers.length < 2)
    return (
      <Text size="sm" c="dimmed">
        There is only one version so far; a comparison appears once there are two.
      </Text>
    );
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <Select
          label="From"
          data={options}
          value={from === null ? null : String(from)}
          onChange={(v) => setFrom(v ? Number(v) : null)}
          w={200}
          data-testid="diff-from"
        />
        <Select
          label="To"
          data={options}
          value={to === null ? null : String(to)}
          onChange={(v) => setTo(v ? Number(v) : null)}
          w={200}
          data-testid="diff-to"
        />
      </Group>
      {from === to && (
        <Text size="sm" c="dimmed">
          Pick two different versions.
        </Text>
      )}
      {diff.data && <DiffView diff={diff.data} />}
      <ProblemAlert error={diff.error} />
    </Stack>
  );
}

export function AssetPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const asset = useAsset(id);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [editingDetails, setEditingDetails] = useState(false);
  const newVersion = useNewAssetVersion(id);
  const data = asset.data;
  // Show the published text by default; the owner and the PMO land on the version in the works.
  useEffect(() => {
    if (!data || (selected && data.versions.some((v) => v.id === selected))) return;
    const open = data.versions.find((v) => v.status === 'draft' || v.status === 'in_review');
    setSelected((data.canDraft && open?.id) || data.publishedVersionId || data.versions[0]?.id || null);
  }, [data, selected]);
  const version = useAssetVersion(selected);
  if (asset.isLoading) return <PageLoader />;
  if (asset.error || !data) return <LoadError error={asset.error} what="process asset" />;
  const hasOpen = data.versions.some((v) => v.status === 'draft' || v.status === 'in_review');
  const current = version.data;
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Knowledge hub', to: '/knowledge' },
          { label: data.title },
        ]}
        title={data.title}
        subtitle={data.summary || undefined}
        badges={
          <Group gap={6}>
            <KindBadge kind={data.kind} />
            {data.tags.map((t) => (
              <Badge key={t} size="sm" variant="outline" color="gray">
                {t}
              </Badge>
            ))}
          </Group>
        }
        actions={
          <Group gap="xs">
            {data.canManage && (
              <Button size="sm" variant="default" onClick={() => setEditingDetails(true)}>
                Edit details
              </Button>
            )}
            {data.canDraft && !hasOpen && (
              <Button
                size="sm"
                loading={newVersion.isPending}
                onClick={() =>
                  newVersion.mutate(
                    { changeNote: '' },
                    {
                      onSuccess: (v) => {
                        setSelected(v.id);
                        setEditing(true);
                      },
                    },
                  )
                }
                data-testid="new-version"
              >
                New version
              </Button>
            )}
          </Group>
        }
      />
      <ProblemAlert error={newVersion.error} />
      {editingDetails && <AssetDetailsForm asset={data} onClose={() => setEditingDetails(false)} />}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="read" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="read">Document</Tabs.Tab>
              <Tabs.Tab value="compare" leftSection={<IconFileDiff size={14} />} data-testid="tab-compare">
                Compare versions
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="read">
              <Paper withBorder radius="sm" p="md">
                {current ? (
                  <Stack gap="sm">
                    <Group justify="space-between">
                      <Group gap="xs">
                        <Text fw={600}>Version {current.number}</Text>
                        <StatusBadge status={current.status} />
                        {current.changeNote && (
                          <Text size="sm" c="dimmed">
                            — {current.changeNote}
                          </Text>
                        )}
                      </Group>
                      {!editing && (
                        <Lifecycle asset={data} version={current} onEdit={() => setEditing(true)} />
                      )}
                    </Group>
                    {editing && current.status === 'draft' ? (
                      <DraftEditor key={current.id} version={current} onDone={() => setEditing(false)} />
                    ) : (
                      <Markdown source={current.body} />
                    )}
                  </Stack>
                ) : (
                  <Text c="dimmed">Loading…</Text>
                )}
              </Paper>
            </Tabs.Panel>
            <Tabs.Panel value="compare">
              <CompareVersions asset={data} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <Paper withBorder radius="sm" p="sm">
              <Title order={5} mb="xs">
                Versions
              </Title>
              <Table highlightOnHover data-testid="asset-versions">
                <Table.Tbody>
                  {data.versions.map((v) => (
                    <Table.Tr
                      key={v.id}
                      onClick={() => {
                        setSelected(v.id);
                        setEditing(false);
                      }}
                      style={{ cursor: 'pointer' }}
                      bg={v.id === selected ? 'var(--mantine-color-blue-0)' : undefined}
                    >
                      <Table.Td fw={500}>v{v.number}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={v.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {v.publishedAt ? formatDateTime(v.publishedAt) : (v.authorName ?? '')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder radius="sm" p="sm">
              <Title order={5} mb="xs">
                About
              </Title>
              <Stack gap={4}>
                <Text size="sm">Owner: {data.ownerName ?? '—'}</Text>
                <Text size="sm">Methodology: {data.methodology ? humanize(data.methodology) : 'any'}</Text>
                <Text size="sm">Business unit: {data.businessUnitName ?? 'all'}</Text>
                <Text size="sm">Project type: {data.projectType ?? 'any'}</Text>
              </Stack>
            </Paper>
            <Attachments asset={data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
