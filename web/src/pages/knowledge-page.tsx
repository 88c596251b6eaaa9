import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBooks, IconPlus, IconSearch, IconTemplate } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import {
  ASSET_KINDS,
  type AssetKind,
  type AssetStatus,
  type ProcessAsset,
  useAssetSearch,
  useAssets,
  useCreateAsset,
} from '../api/knowledge.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { formatDate, humanize } from '../lib/format.ts';

export const KIND_COLORS: Record<AssetKind, string> = {
  methodology: 'grape',
  standard: 'blue',
  guideline: 'teal',
  policy: 'red',
  procedure: 'orange',
  template: 'cyan',
  checklist: 'lime',
};
export const STATUS_COLORS: Record<AssetStatus, string> = {
  draft: 'gray',
  in_review: 'yellow',
  published: 'green',
  retired: 'dark',
};

export function KindBadge({ kind }: { kind: AssetKind }) {
  return (
    <Badge size="sm" variant="light" color={KIND_COLORS[kind]}>
      {humanize(kind)}
    </Badge>
  );
}

/** A snippet from the server marks matches with « and »; they become highlighted text here. */
function Snippet({ text }: { text: string }) {
  let offset = 0;
  const parts = text.split(/(«[^»]*»)/g).map((part) => {
    const at = offset;
    offset += part.length;
    return { part, at };
  });
  return (
    <Text size="sm" c="dimmed" lineClamp={3}>
      {parts.map(({ part, at }) =>
        part.startsWith('«') ? (
          <mark
            key={at}
            style={{ background: 'var(--mantine-color-yellow-2)', color: 'inherit', padding: '0 2px' }}
          >
            {part.slice(1, -1)}
          </mark>
        ) : (
          <span key={at}>{part}</span>
        ),
      )}
    </Text>
  );
}

const columns: Column<ProcessAsset>[] = [
  {
    key: 'title',
    header: 'Asset',
    render: (a) => (
      <div>
        <AnchorLink to="/knowledge/$id" params={{ id: a.id }} size="sm" fw={500}>
          {a.title}
        </AnchorLink>
        {a.summary && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {a.summary}
          </Text>
        )}
      </div>
    ),
  },
  { key: 'kind', header: 'Kind', render: (a) => <KindBadge kind={a.kind} /> },
  {
    key: 'tags',
    header: 'Tags',
    render: (a) => (
      <Group gap={4}>
        {a.tags.map((t) => (
          <Badge key={t} size="xs" variant="outline" color="gray">
            {t}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    key: 'applies',
    header: 'Applies to',
    render: (a) =>
      [a.methodology && humanize(a.methodology), a.businessUnitName, a.projectType]
        .filter(Boolean)
        .join(' · ') || 'All projects',
  },
  {
    key: 'status',
    header: 'Version',
    render: (a) => (
      <Group gap={6}>
        {a.publishedNumber !== null && <Text size="sm">v{a.publishedNumber}</Text>}
        {a.latestStatus !== 'published' && (
          <Badge size="xs" color={STATUS_COLORS[a.latestStatus]} variant="light">
            v{a.latestNumber} {humanize(a.latestStatus)}
          </Badge>
        )}
      </Group>
    ),
  },
  { key: 'updatedAt', header: 'Updated', render: (a) => formatDate(a.updatedAt.slice(0, 10)) },
];

function NewAssetModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateAsset();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string | null>('standard');
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [methodology, setMethodology] = useState<string | null>(null);
  const [projectType, setProjectType] = useState('');
  const [body, setBody] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title="New process asset" size="lg">
      <Stack gap="sm">
        <Select
          label="Kind"
          data={ASSET_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
        />
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
        <TagsInput label="Tags" value={tags} onChange={setTags} placeholder="Type and press Enter" />
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
        <Textarea
          label="Body (Markdown)"
          autosize
          minRows={6}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <ProblemAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={create.isPending}
            onClick={() =>
              create.mutate(
                { kind, title, tags, body, methodology, projectType: projectType.trim() || null },
                { onSuccess: (asset) => navigate({ to: '/knowledge/$id', params: { id: asset.id } }) },
              )
            }
          >
            Create draft
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The knowledge hub: ranked full-text search over published assets, and the filtered list of all of them. */
export function KnowledgePage() {
  const { can } = usePermissions();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [kind, setKind] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const [methodology, setMethodology] = useState('all');
  const [projectType, setProjectType] = useState('');
  const [unit, setUnit] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useAssets({
    kind: kind ?? undefined,
    tag: tag.trim() || undefined,
    methodology: methodology === 'all' ? undefined : methodology,
    projectType: projectType.trim() || undefined,
    businessUnitId: unit ?? undefined,
    page,
    pageSize: 25,
  });
  const search = useAssetSearch(debounced, kind ?? undefined);
  const canManage = can('admin');
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Knowledge hub' }]}
        title="Knowledge hub"
        subtitle="Methodology, standards, policies, procedures, templates and checklists — versioned and searchable"
        actions={
          <Group gap="xs">
            <ButtonLink to="/templates" variant="default" leftSection={<IconTemplate size={16} />}>
              Project templates
            </ButtonLink>
            {canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                New asset
              </Button>
            )}
          </Group>
        }
      />
      <Paper withBorder radius="sm" p="sm" mb="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder='Words, "a phrase", -exclude'
            leftSection={<IconSearch size={16} />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 260 }}
            data-testid="hub-search"
          />
          <Select
            label="Kind"
            placeholder="Any kind"
            clearable
            data={ASSET_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            w={170}
          />
          <TextInput
            label="Tag"
            placeholder="Any tag"
            value={tag}
            onChange={(e) => {
              setTag(e.currentTarget.value);
              setPage(1);
            }}
            w={150}
          />
          <TextInput
            label="Project type"
            placeholder="Any type"
            value={projectType}
            onChange={(e) => {
              setProjectType(e.currentTarget.value);
              setPage(1);
            }}
            w={150}
          />
          <EntitySelect
            collection="business-units"
            label="Business unit"
            placeholder="Any unit"
            clearable
            value={unit}
            onChange={(v) => {
              setUnit(v);
              setPage(1);
            }}
            w={200}
          />
          <div>
            <Text size="sm" fw={500} mb={2}>
              Methodology
            </Text>
            <SegmentedControl
              size="sm"
              value={methodology}
              onChange={(v) => {
                setMethodology(v);
                setPage(1);
              }}
              data={[
                { value: 'all', label: 'All' },
                { value: 'predictive', label: 'Predictive' },
                { value: 'agile', label: 'Agile' },
                { value: 'hybrid', label: 'Hybrid' },
              ]}
            />
          </div>
        </Group>
      </Paper>
      {debounced ? (
        <Stack gap="xs" data-testid="search-results">
          <Text size="sm" c="dimmed">
            {search.data
              ? `${search.data.total} published asset${search.data.total === 1 ? '' : 's'} match, best first`
              : 'Searching…'}
          </Text>
          {search.data?.items.map((hit) => (
            <Paper key={hit.id} withBorder radius="sm" p="sm" data-testid="search-hit">
              <Group justify="space-between" wrap="nowrap" mb={4}>
                <Group gap="xs">
                  <AnchorLink to="/knowledge/$id" params={{ id: hit.id }} fw={600}>
                    {hit.title}
                  </AnchorLink>
                  <KindBadge kind={hit.kind} />
                  {hit.tags.map((t) => (
                    <Badge key={t} size="xs" variant="outline" color="gray">
                      {t}
                    </Badge>
                  ))}
                </Group>
                <Text size="xs" c="dimmed">
                  v{hit.publishedNumber} · relevance {hit.rank.toFixed(2)}
                </Text>
              </Group>
              {hit.snippet && <Snippet text={hit.snippet} />}
            </Paper>
          ))}
          {search.data?.items.length === 0 && (
            <Paper withBorder p="lg" ta="center">
              <IconBooks size={28} color="var(--mantine-color-gray-5)" />
              <Text c="dimmed">Nothing published matches “{debounced}”.</Text>
            </Paper>
          )}
        </Stack>
      ) : (
        <DataTable
          testId="assets-table"
          columns={columns}
          rows={list.data?.items}
          rowKey={(a) => a.id}
          total={list.data?.total}
          page={page}
          pageSize={25}
          onPage={setPage}
          loading={list.isFetching}
          error={list.error}
          empty="No process assets match these filters."
        />
      )}
      <NewAssetModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
