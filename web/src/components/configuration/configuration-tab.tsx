import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconLock, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changeApi } from '../../api/change-requests.ts';
import { isApiError } from '../../api/client.ts';
import {
  type CiVersion,
  type ConfigurationItem,
  uploadCiVersionFile,
  useApproveCiVersion,
  useCiVersions,
  useConfigBaselines,
  useConfigurationAsOf,
  useConfigurationItems,
  useCreateCi,
  useCreateConfigBaseline,
  useProposeCiVersion,
} from '../../api/knowledge.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

const STATUS_COLORS = { proposed: 'yellow', current: 'green', superseded: 'gray' } as const;

function ApproveButton({
  projectId,
  version,
  baselined,
}: {
  projectId: string;
  version: CiVersion;
  baselined: boolean;
}) {
  const approve = useApproveCiVersion(projectId);
  const requests = useQuery({
    queryKey: ['change-requests', 'list', 'project', projectId],
    queryFn: ({ signal }) => changeApi.list('project', projectId, signal),
  });
  const [request, setRequest] = useState<string | null>(null);
  // Only approved requests can carry a change to a baselined item; the server checks again.
  const options = (requests.data?.items ?? [])
    .filter((r) => r.status === 'approved')
    .map((r) => ({ value: r.id, label: `CR-${r.number} ${r.title}` }));
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Select
          size="xs"
          placeholder={baselined ? 'Approved change request' : 'Change request (optional)'}
          data={options}
          value={request}
          onChange={setRequest}
          clearable
          w={220}
          data-testid="approve-cr"
        />
        <Button
          size="xs"
          color="green"
          loading={approve.isPending}
          onClick={() =>
            approve.mutate({ id: version.id, version: version.version, changeRequestId: request })
          }
          data-testid="approve-version"
        >
          Make current
        </Button>
      </Group>
      {/* A refusal here is a rule (the baseline needs an approved request), not an edit conflict: show its words. */}
      {approve.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="approve-error">
          {isApiError(approve.error)
            ? (approve.error.problem.detail ?? approve.error.message)
            : String(approve.error)}
        </Alert>
      )}
    </Stack>
  );
}

function ItemVersions({
  projectId,
  item,
  canEdit,
}: {
  projectId: string;
  item: ConfigurationItem;
  canEdit: boolean;
}) {
  const detail = useCiVersions(projectId, item.id);
  const propose = useProposeCiVersion(projectId);
  const qc = useQueryClient();
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const uploadFile = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadCiVersionFile(item.id, file, { reference, note });
      setReference('');
      setNote('');
      await qc.invalidateQueries({ queryKey: ['configuration', projectId] });
    } catch (e) {
      setUploadError((e as Error).message);
    } finally {
      setUploading(false);
    }
  };
  const versions = detail.data?.versions ?? [];
  return (
    <Stack gap="xs">
      <Table data-testid="ci-versions" withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Version</Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th>Reference</Table.Th>
            <Table.Th>Approved</Table.Th>
            <Table.Th>Change request</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td fw={500}>v{v.number}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={STATUS_COLORS[v.status]}>
                  {v.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {/^https?:\/\//.test(v.reference) ? (
                  <Anchor href={v.reference} target="_blank" rel="noopener noreferrer" size="sm">
                    {v.reference}
                  </Anchor>
                ) : (
                  (v.reference || v.content || !v.fileName) && (
                    <Text size="sm">{v.reference || v.content.slice(0, 60) || '—'}</Text>
                  )
                )}
                {v.fileName && (
                  <Anchor href={`/api/v1/ci-versions/${v.id}/file`} size="sm" display="block">
                    {v.fileName}
                  </Anchor>
                )}
                {v.note && (
                  <Text size="xs" c="dimmed">
                    {v.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {v.approvedAt ? (
                  <Text size="sm">
                    {formatDateTime(v.approvedAt)}
                    <Text span size="xs" c="dimmed">
                      {' '}
                      by {v.approvedByName ?? 'system'}
                    </Text>
                  </Text>
                ) : canEdit ? (
                  <ApproveButton projectId={projectId} version={v} baselined={item.baselined} />
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{v.changeRequestNumber ? `CR-${v.changeRequestNumber}` : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label="New version: reference or URL"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            w={280}
          />
          <TextInput
            size="xs"
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            w={220}
          />
          <Button
            size="xs"
            variant="default"
            loading={propose.isPending}
            onClick={() =>
              propose.mutate(
                { ciId: item.id, content: '', reference, note },
                {
                  onSuccess: () => {
                    setReference('');
                    setNote('');
                  },
                },
              )
            }
            data-testid="propose-version"
          >
            Propose version
          </Button>
          <FileButton onChange={uploadFile}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconUpload size={14} />}
                loading={uploading}
              >
                Propose a file
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      <ProblemAlert error={propose.error} />
      {uploadError && (
        <Text size="sm" c="red">
          {uploadError}
        </Text>
      )}
    </Stack>
  );
}

function NewItemModal({
  projectId,
  opened,
  onClose,
}: {
  projectId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateCi(projectId);
  const [kind, setKind] = useState<string | null>('document');
  const [identifier, setIdentifier] = useState('');
  const [title, setTitle] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title="New configuration item">
      <Stack gap="sm">
        <Select
          label="Kind"
          data={['deliverable', 'specification', 'document'].map((k) => ({ value: k, label: humanize(k) }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
        />
        <TextInput
          label="Identifier"
          value={identifier}
          onChange={(e) => setIdentifier(e.currentTarget.value)}
        />
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <ProblemAlert error={create.error} />
        <Button
          loading={create.isPending}
          onClick={() =>
            create.mutate({ kind: kind ?? 'document', identifier, title }, { onSuccess: onClose })
          }
        >
          Add item
        </Button>
      </Stack>
    </Modal>
  );
}

function BaselineModal({
  projectId,
  opened,
  onClose,
}: {
  projectId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateConfigBaseline(projectId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title="Baseline the current configuration">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Freezes the current version of every item. From then on an item changes only through an approved
          change request.
        </Text>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <ProblemAlert error={create.error} />
        <Button
          loading={create.isPending}
          onClick={() => create.mutate({ name, description }, { onSuccess: onClose })}
        >
          Create baseline
        </Button>
      </Stack>
    </Modal>
  );
}

/** A project's configuration: its items and their versions, baselines, and the configuration on any date. */
export function ConfigurationTab({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const items = useConfigurationItems(projectId);
  const baselines = useConfigBaselines(projectId);
  const [asOf, setAsOf] = useState('');
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
  const configuration = useConfigurationAsOf(projectId, validAsOf);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [baselining, setBaselining] = useState(false);
  const selectedItem = items.data?.items.find((i) => i.id === selected) ?? null;
  return (
    <Stack gap="sm" data-testid="configuration-tab">
      <Paper withBorder radius="sm" p="sm">
        <Group justify="space-between" mb="xs">
          <Title order={5}>Configuration items</Title>
          {canEdit && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setAdding(true)}>
                New item
              </Button>
              <Button
                size="xs"
                leftSection={<IconLock size={14} />}
                onClick={() => setBaselining(true)}
                data-testid="new-baseline"
              >
                Baseline
              </Button>
            </Group>
          )}
        </Group>
        <Table highlightOnHover data-testid="ci-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Identifier</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Current</Table.Th>
              <Table.Th>Control</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data?.items.map((item) => (
              <Table.Tr
                key={item.id}
                onClick={() => setSelected(item.id === selected ? null : item.id)}
                style={{ cursor: 'pointer' }}
                bg={item.id === selected ? 'var(--mantine-color-blue-0)' : undefined}
              >
                <Table.Td fw={500}>{item.identifier}</Table.Td>
                <Table.Td>{item.title}</Table.Td>
                <Table.Td>{humanize(item.kind)}</Table.Td>
                <Table.Td>
                  {item.currentNumber ? `v${item.currentNumber}` : '—'}
                  {item.latestNumber && item.latestNumber !== item.currentNumber && (
                    <Badge size="xs" ml={6} color="yellow" variant="light">
                      v{item.latestNumber} proposed
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {item.baselined ? (
                    <Badge size="sm" color="indigo" variant="light" leftSection={<IconLock size={10} />}>
                      Baselined — changes need an approved CR
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      Not baselined
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {items.data?.items.length === 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            Nothing is under configuration control yet.
          </Text>
        )}
        {selectedItem && (
          <Paper withBorder radius="sm" p="sm" mt="sm" bg="var(--mantine-color-gray-0)">
            <Text fw={600} mb="xs">
              {selectedItem.identifier} · {selectedItem.title}
            </Text>
            <ItemVersions projectId={projectId} item={selectedItem} canEdit={canEdit} />
          </Paper>
        )}
      </Paper>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="sm" p="sm" h="100%">
            <Group justify="space-between" mb="xs" align="flex-end">
              <Title order={5}>Approved configuration</Title>
              <TextInput
                size="xs"
                label="As of (empty: now)"
                type="date"
                value={asOf}
                onChange={(e) => setAsOf(e.currentTarget.value)}
                w={170}
                error={asOf && !validAsOf ? 'YYYY-MM-DD' : undefined}
                data-testid="as-of"
              />
            </Group>
            <Table data-testid="configuration-as-of">
              <Table.Tbody>
                {configuration.data?.items.map((entry) => (
                  <Table.Tr key={entry.ciId}>
                    <Table.Td fw={500}>{entry.identifier}</Table.Td>
                    <Table.Td>{entry.number ? `v${entry.number}` : 'none approved'}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {entry.approvedAt ? formatDateTime(entry.approvedAt) : ''}
                        {entry.changeRequestNumber ? ` · CR-${entry.changeRequestNumber}` : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {configuration.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                No items existed then.
              </Text>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="sm" p="sm" h="100%">
            <Title order={5} mb="xs">
              Baselines
            </Title>
            <Stack gap="xs" data-testid="config-baselines">
              {baselines.data?.items.map((b) => (
                <div key={b.id}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {b.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(b.baselinedAt)} · {b.createdByName ?? 'system'}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {b.items.map((i) => `${i.identifier} v${i.number}`).join(' · ')}
                  </Text>
                </div>
              ))}
              {baselines.data?.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  No baseline yet.
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <NewItemModal projectId={projectId} opened={adding} onClose={() => setAdding(false)} />
      <BaselineModal projectId={projectId} opened={baselining} onClose={() => setBaselining(false)} />
    </Stack>
  );
}
