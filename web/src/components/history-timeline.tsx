import { Badge, Code, EmptyState, Group, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client.ts';
import { useAudit, useItem } from '../api/queries.ts';
import type { AuditEntityType, AuditEntry, CollectionName } from '../api/types.ts';
import { formatDateTime, humanize } from '../lib/format.ts';
import { PageLoader } from './route-states.tsx';

const HIDDEN = new Set(['id', 'version', 'createdAt', 'updatedAt', 'orgId', 'org_id', 'passwordHash']);

const REFERENCES: Record<string, CollectionName> = {
  managerId: 'users',
  sponsorId: 'users',
  ownerId: 'users',
  userId: 'users',
  businessUnitId: 'business-units',
  parentId: 'business-units',
  portfolioId: 'portfolios',
  programId: 'programs',
};

/** The name behind an id in the audit log (cached per id; the id itself if it cannot be read). */
function EntityName({ collection, id }: { collection: CollectionName; id: string }) {
  const item = useItem(collection, id);
  const data = item.data?.data as { name?: string } | undefined;
  return <>{data?.name ?? (item.isLoading ? '…' : id.slice(0, 8))}</>;
}

function Value({ field, value }: { field: string; value: unknown }): ReactNode {
  if (value === null || value === undefined || value === '') return <Code fz="xs">∅</Code>;
  const ref = REFERENCES[field];
  if (ref && typeof value === 'string') return <EntityName collection={ref} id={value} />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <Code fz="xs">none</Code>;
    return value.map((v, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: audit values are positional snapshots
      <span key={i}>
        {i > 0 && ', '}
        <Value field={field} value={v} />
      </span>
    ));
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.objectiveName === 'string') return `${o.objectiveName} (${String(o.contribution)}/10)`;
    if (typeof o.userId === 'string' && typeof o.memberRole === 'string') {
      return (
        <>
          <EntityName collection="users" id={o.userId} /> as {o.memberRole}
        </>
      );
    }
    if (typeof o.name === 'string') return o.name;
    const text = JSON.stringify(value);
    return <Code fz="xs">{text.length > 80 ? `${text.slice(0, 77)}…` : text}</Code>;
  }
  return <Code fz="xs">{String(value)}</Code>;
}

function changes(e: AuditEntry): { field: string; from: unknown; to: unknown }[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: { field: string; from: unknown; to: unknown }[] = [];
  for (const k of keys) {
    if (HIDDEN.has(k)) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      out.push({ field: k, from: before[k], to: after[k] });
  }
  return out;
}

const ICONS = { create: IconPlus, update: IconPencil, delete: IconTrash } as const;
const COLORS = { create: 'green', update: 'blue', delete: 'red' } as const;

/** Who changed what and when, newest first, from the append-only audit log. */
export function HistoryTimeline({ entityType, id }: { entityType: AuditEntityType; id: string }) {
  const audit = useAudit(entityType, id);
  if (audit.isLoading) return <PageLoader label="Loading history…" />;
  if (audit.error && !isApiError(audit.error, 404)) {
    return (
      <Text size="sm" c="dimmed">
        History is not available: {audit.error instanceof Error ? audit.error.message : 'unknown error'}
      </Text>
    );
  }
  const items = audit.data?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<IconHistory />}
        title="No history yet"
        description="Every change to this record will be listed here."
      />
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} data-testid="history" styles={{ item: { marginTop: 14 } }}>
      {items.map((e) => {
        const Icon = ICONS[e.action] ?? IconPencil;
        const diff = e.action === 'update' ? changes(e) : [];
        return (
          <Timeline.Item key={e.id} bullet={<Icon size={12} />} color={COLORS[e.action] ?? 'gray'}>
            <Group gap={6}>
              <Text size="sm" fw={500}>
                {e.actorName ?? 'System'}
              </Text>
              <Badge size="xs" variant="light" color={COLORS[e.action] ?? 'gray'}>
                {e.action === 'create' ? 'created' : e.action === 'delete' ? 'deleted' : 'updated'}
              </Badge>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
              </Text>
            </Group>
            {diff.length > 0 && (
              <Stack gap={2} mt={4}>
                {diff.slice(0, 12).map((d) => (
                  <Text key={d.field} size="xs">
                    <Text span fw={600} size="xs">
                      {humanize(d.field.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase())}
                    </Text>
                    : <Value field={d.field} value={d.from} /> → <Value field={d.field} value={d.to} />
                  </Text>
                ))}
              </Stack>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
