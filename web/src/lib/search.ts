/** Query-string state of a list page: paging, sorting, text search and filters. */
export interface ListSearch {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  businessUnitId?: string;
  portfolioId?: string;
  programId?: string;
  stage?: string;
  health?: string;
  managerId?: string;
  new?: boolean;
}

const FILTER_KEYS = [
  'q',
  'sort',
  'businessUnitId',
  'portfolioId',
  'programId',
  'stage',
  'health',
  'managerId',
] as const;

function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Keeps only well-formed values, so a hand-edited URL cannot put the page in a bad state. */
export function validateListSearch(raw: Record<string, unknown>): ListSearch {
  const out: ListSearch = {};
  const page = positiveInt(raw.page);
  if (page && page > 1) out.page = page;
  const pageSize = positiveInt(raw.pageSize);
  if (pageSize && [10, 25, 50, 100].includes(pageSize)) out.pageSize = pageSize;
  for (const k of FILTER_KEYS) {
    const v = raw[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  if (raw.order === 'asc' || raw.order === 'desc') out.order = raw.order;
  if (raw.new === true || raw.new === 'true') out.new = true;
  return out;
}

export interface AdminSearch {
  tab?: 'users' | 'grants' | 'business-units';
}

export function validateAdminSearch(raw: Record<string, unknown>): AdminSearch {
  const t = raw.tab;
  return t === 'users' || t === 'grants' || t === 'business-units' ? { tab: t } : {};
}

export interface LoginSearch {
  redirect?: string;
}

export function validateLoginSearch(raw: Record<string, unknown>): LoginSearch {
  // Only same-app paths: never bounce a user to another origin after signing in.
  const r = raw.redirect;
  return typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? { redirect: r } : {};
}
