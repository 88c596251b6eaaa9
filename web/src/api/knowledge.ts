import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { Page } from './types.ts';

/** The knowledge hub's API: process assets, project templates and configuration management. */
export type AssetKind =
  | 'methodology'
  | 'standard'
  | 'guideline'
  | 'policy'
  | 'procedure'
  | 'template'
  | 'checklist';
export type AssetStatus = 'draft' | 'in_review' | 'published' | 'retired';
export const ASSET_KINDS: AssetKind[] = [
  'methodology',
  'standard',
  'guideline',
  'policy',
  'procedure',
  'template',
  'checklist',
];

export interface ProcessAsset {
  id: string;
  version: number;
  kind: AssetKind;
  title: string;
  summary: string;
  ownerId: string | null;
  ownerName: string | null;
  tags: string[];
  methodology: 'predictive' | 'agile' | 'hybrid' | null;
  businessUnitId: string | null;
  businessUnitName: string | null;
  projectType: string | null;
  publishedVersionId: string | null;
  publishedNumber: number | null;
  latestNumber: number;
  latestStatus: AssetStatus;
  updatedAt: string;
}

export interface AssetVersionSummary {
  id: string;
  version: number;
  number: number;
  changeNote: string;
  status: AssetStatus;
  authorName: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
  createdAt: string;
}
export interface AssetVersion extends AssetVersionSummary {
  body: string;
  assetId: string;
}
export interface AssetAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedByName: string | null;
  createdAt: string;
}
export interface AssetDetail extends ProcessAsset {
  versions: AssetVersionSummary[];
  attachments: AssetAttachment[];
  canManage: boolean;
  canDraft: boolean;
}
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}
export interface DiffLine extends DiffPart {
  words?: DiffPart[];
  oldLine: number | null;
  newLine: number | null;
}
export interface AssetDiff {
  from: number;
  to: number;
  added: number;
  removed: number;
  lines: DiffLine[];
}
export interface SearchHit {
  id: string;
  kind: AssetKind;
  title: string;
  tags: string[];
  publishedNumber: number | null;
  rank: number;
  snippet: string;
}

export interface AssetFilters {
  kind?: string | undefined;
  tag?: string | undefined;
  methodology?: string | undefined;
  projectType?: string | undefined;
  businessUnitId?: string | undefined;
  q?: string | undefined;
  page?: number;
  pageSize?: number;
}

const assetKeys = {
  all: ['process-assets'] as const,
  list: (f: AssetFilters) => ['process-assets', 'list', f] as const,
  search: (q: string, kind?: string) => ['process-assets', 'search', q, kind ?? ''] as const,
  item: (id: string) => ['process-assets', 'item', id] as const,
  version: (id: string) => ['process-assets', 'version', id] as const,
  diff: (id: string, from: number, to: number) => ['process-assets', 'diff', id, from, to] as const,
};

export function useAssets(filters: AssetFilters) {
  return useQuery({
    queryKey: assetKeys.list(filters),
    queryFn: ({ signal }) =>
      request<Page<ProcessAsset>>(`/process-assets${toQuery({ ...filters, sort: 'title' })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssetSearch(q: string, kind?: string) {
  return useQuery({
    queryKey: assetKeys.search(q, kind),
    queryFn: ({ signal }) =>
      request<{ items: SearchHit[]; total: number }>(`/process-assets/search${toQuery({ q, kind })}`, {
        signal,
      }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useAsset(id: string) {
  return useQuery({
    queryKey: assetKeys.item(id),
    queryFn: ({ signal }) => request<AssetDetail>(`/process-assets/${id}`, { signal }),
  });
}

export function useAssetVersion(id: string | null) {
  return useQuery({
    queryKey: assetKeys.version(id ?? ''),
    queryFn: ({ signal }) => request<AssetVersion>(`/asset-versions/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useAssetDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: assetKeys.diff(id, from ?? 0, to ?? 0),
    queryFn: ({ signal }) =>
      request<AssetDiff>(`/process-assets/${id}/diff?from=${from}&to=${to}`, { signal }),
    enabled: from !== null && to !== null && from !== to,
  });
}

function useAssetMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: assetKeys.all }) });
}

export const useCreateAsset = () =>
  useAssetMutation((body: Record<string, unknown>) =>
    request<ProcessAsset>('/process-assets', { method: 'POST', body }),
  );
export const useNewAssetVersion = (assetId: string) =>
  useAssetMutation((body: { changeNote: string }) =>
    request<AssetVersion>(`/process-assets/${assetId}/versions`, { method: 'POST', body }),
  );
export const useEditAssetVersion = () =>
  useAssetMutation((v: { id: string; version: number; body: string; changeNote: string }) =>
    request<AssetVersion>(`/asset-versions/${v.id}`, {
      method: 'PATCH',
      version: v.version,
      body: { body: v.body, changeNote: v.changeNote },
    }),
  );
export const useTransitionAssetVersion = () =>
  useAssetMutation((v: { id: string; version: number; to: AssetStatus }) =>
    request<AssetVersion>(`/asset-versions/${v.id}/transition`, {
      method: 'POST',
      version: v.version,
      body: { to: v.to },
    }),
  );

export async function uploadAttachment(assetId: string, file: File): Promise<AssetAttachment> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(`/api/v1/process-assets/${assetId}/attachments`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `upload failed (${res.status})`);
  }
  return (await res.json()) as AssetAttachment;
}

// Project templates.
export interface TemplateTask {
  key: string;
  name: string;
  parentKey: string | null;
  durationDays: number;
  milestone: boolean;
}
export interface TemplateContent {
  tasks: TemplateTask[];
  links: { from: string; to: string; type: 'FS' | 'SS' | 'FF' | 'SF'; lagDays: number }[];
  risks: { title: string; probability: number; impact: number; cause: string; effect: string }[];
  documents: { identifier: string; title: string; kind: string }[];
  gates: { name: string; checklist: string[] }[];
}
export interface ProjectTemplate {
  id: string;
  version: number;
  name: string;
  description: string;
  methodology: string;
  publishedNumber: number | null;
  latestNumber: number;
  latestStatus: 'draft' | 'published' | 'retired';
  taskCount: number;
}
export interface TemplateVersionSummary {
  id: string;
  version: number;
  number: number;
  status: 'draft' | 'published' | 'retired';
  changeNote: string;
  authorName: string | null;
  publishedAt: string | null;
}
export interface TemplateVersion extends TemplateVersionSummary {
  content: TemplateContent;
}
export interface TemplateDetail extends ProjectTemplate {
  versions: TemplateVersionSummary[];
  canManage: boolean;
}

export function useTemplates() {
  return useQuery({
    queryKey: ['project-templates', 'list'],
    queryFn: ({ signal }) => request<Page<ProjectTemplate>>('/project-templates?pageSize=200', { signal }),
  });
}
export function useTemplate(id: string) {
  return useQuery({
    queryKey: ['project-templates', 'item', id],
    queryFn: ({ signal }) => request<TemplateDetail>(`/project-templates/${id}`, { signal }),
  });
}
export function useTemplateVersion(id: string | null) {
  return useQuery({
    queryKey: ['project-templates', 'version', id ?? ''],
    queryFn: ({ signal }) => request<TemplateVersion>(`/template-versions/${id}`, { signal }),
    enabled: !!id,
  });
}
export function usePublishTemplateVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number }) =>
      request<TemplateVersion>(`/template-versions/${v.id}/publish`, { method: 'POST', version: v.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['project-templates'] }),
  });
}
export interface InstantiateResult {
  projectId: string;
  tasks: number;
  links: number;
  risks: number;
  configurationItems: number;
  gateCriteria: number;
  finish: string | null;
}
export function useInstantiateTemplate(templateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      request<InstantiateResult>(`/project-templates/${templateId}/instantiate`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['projects'] }),
  });
}

// Configuration management.
export interface ConfigurationItem {
  id: string;
  version: number;
  kind: 'deliverable' | 'specification' | 'document';
  identifier: string;
  title: string;
  ownerName: string | null;
  currentNumber: number | null;
  latestNumber: number | null;
  baselined: boolean;
}
export interface CiVersion {
  id: string;
  version: number;
  number: number;
  content: string;
  reference: string;
  note: string;
  fileName: string | null;
  fileSize: number | null;
  status: 'proposed' | 'current' | 'superseded';
  changeRequestId: string | null;
  changeRequestNumber: number | null;
  createdByName: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
}
export interface ConfigBaseline {
  id: string;
  name: string;
  description: string;
  baselinedAt: string;
  createdByName: string | null;
  items: { ciId: string; identifier: string; title: string; number: number }[];
}
export interface Configuration {
  asOf: string;
  items: {
    ciId: string;
    kind: string;
    identifier: string;
    title: string;
    number: number | null;
    approvedAt: string | null;
    changeRequestNumber: number | null;
    reference: string | null;
  }[];
}

const configKeys = {
  all: (projectId: string) => ['configuration', projectId] as const,
};

export function useConfigurationItems(projectId: string) {
  return useQuery({
    queryKey: [...configKeys.all(projectId), 'items'],
    queryFn: ({ signal }) =>
      request<Page<ConfigurationItem>>(`/projects/${projectId}/configuration-items?pageSize=500`, { signal }),
  });
}
export function useCiVersions(projectId: string, ciId: string | null) {
  return useQuery({
    queryKey: [...configKeys.all(projectId), 'ci', ciId ?? ''],
    queryFn: ({ signal }) =>
      request<ConfigurationItem & { versions: CiVersion[] }>(`/configuration-items/${ciId}`, { signal }),
    enabled: !!ciId,
  });
}
export function useConfigBaselines(projectId: string) {
  return useQuery({
    queryKey: [...configKeys.all(projectId), 'baselines'],
    queryFn: ({ signal }) =>
      request<{ items: ConfigBaseline[] }>(`/projects/${projectId}/config-baselines`, { signal }),
  });
}
export function useConfigurationAsOf(projectId: string, asOf: string | null) {
  return useQuery({
    queryKey: [...configKeys.all(projectId), 'as-of', asOf ?? ''],
    queryFn: ({ signal }) =>
      request<Configuration>(`/projects/${projectId}/configuration${asOf ? `?asOf=${asOf}` : ''}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
function useConfigMutation<V, R>(projectId: string, fn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: configKeys.all(projectId) }),
  });
}
export const useCreateCi = (projectId: string) =>
  useConfigMutation(projectId, (body: { kind: string; identifier: string; title: string }) =>
    request<ConfigurationItem>(`/projects/${projectId}/configuration-items`, { method: 'POST', body }),
  );
export const useProposeCiVersion = (projectId: string) =>
  useConfigMutation(projectId, (v: { ciId: string; content: string; reference: string; note: string }) =>
    request<CiVersion>(`/configuration-items/${v.ciId}/versions`, {
      method: 'POST',
      body: { content: v.content, reference: v.reference, note: v.note },
    }),
  );
export const useApproveCiVersion = (projectId: string) =>
  useConfigMutation(projectId, (v: { id: string; version: number; changeRequestId: string | null }) =>
    request<CiVersion>(`/ci-versions/${v.id}/approve`, {
      method: 'POST',
      version: v.version,
      body: { changeRequestId: v.changeRequestId },
    }),
  );
export const useCreateConfigBaseline = (projectId: string) =>
  useConfigMutation(projectId, (body: { name: string; description: string }) =>
    request<ConfigBaseline>(`/projects/${projectId}/config-baselines`, { method: 'POST', body }),
  );

export const useUpdateAsset = (assetId: string) =>
  useAssetMutation((v: { version: number; changes: Record<string, unknown> }) =>
    request<ProcessAsset>(`/process-assets/${assetId}`, {
      method: 'PATCH',
      version: v.version,
      body: v.changes,
    }),
  );

export function useSaveTemplate(templateId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      name?: string;
      description?: string;
      methodology?: string;
      content: unknown;
      changeNote: string;
    }) =>
      templateId
        ? request<{ id: string }>(`/project-templates/${templateId}/versions`, {
            method: 'POST',
            body: { content: v.content, changeNote: v.changeNote },
          })
        : request<{ id: string }>('/project-templates', {
            method: 'POST',
            body: {
              name: v.name,
              description: v.description,
              methodology: v.methodology,
              content: v.content,
            },
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['project-templates'] }),
  });
}

/** Proposes a configuration item version carried by a file; text fields go first so the server reads them. */
export async function uploadCiVersionFile(
  ciId: string,
  file: File,
  fields: { reference: string; note: string },
): Promise<CiVersion> {
  const form = new FormData();
  form.append('reference', fields.reference);
  form.append('note', fields.note);
  form.append('file', file);
  const res = await fetch(`/api/v1/configuration-items/${ciId}/versions/file`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `upload failed (${res.status})`);
  }
  return (await res.json()) as CiVersion;
}
