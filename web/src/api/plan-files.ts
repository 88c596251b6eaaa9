import { ApiError, type Problem } from './client.ts';

export interface PlanImportSummary {
  projectId: string;
  file: string;
  tasks: number;
  links: number;
  calendars: number;
  warnings: string[];
  computedFinish: string | null;
  /** Who worked on the replaced plan's calendars and falls back to the organization's default. */
  movedToDefaultCalendar: { resources: string[]; calendars: string[] };
}

export const PLAN_EXPORT_FORMATS = [
  { format: 'mspdi', label: 'MS Project XML' },
  { format: 'xer', label: 'Primavera P6 XER' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'csv', label: 'CSV' },
] as const;

/** The plan file types the import accepts, for the file picker. */
export const PLAN_IMPORT_ACCEPT = '.xml,.xer,.xlsx';

/** Uploads a plan file (multipart), replacing the project's plan; a refusal is an ApiError. */
export async function uploadPlanFile(projectId: string, file: File): Promise<PlanImportSummary> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(`/api/v1/projects/${projectId}/import`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...p,
      title: p.title ?? res.statusText ?? `HTTP ${res.status}`,
      status: res.status,
      detail: p.detail ?? text.slice(0, 300),
    });
  }
  return parsed as PlanImportSummary;
}

export const planExportUrl = (projectId: string, format: string) =>
  `/api/v1/projects/${projectId}/export?format=${format}`;
