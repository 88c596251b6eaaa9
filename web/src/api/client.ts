import type { CollectionName, Collections, ListParams, Page } from './types.ts';

const BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document as the API sends it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** A failed API call, carrying the problem the server returned (or one made up for network errors). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by field name (the first message per field). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = e.field.replace(/^(body|query|params)[./]/, '').replace(/^\//, '');
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  version?: number | string;
  signal?: AbortSignal;
}

async function toProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { title: res.statusText || `HTTP ${res.status}`, status: res.status };
  const text = await res.text().catch(() => '');
  if (!text) return fallback;
  try {
    const parsed = JSON.parse(text) as Partial<Problem> & { message?: string; error?: string };
    return {
      ...parsed,
      title: parsed.title ?? parsed.error ?? fallback.title,
      status: parsed.status ?? res.status,
      detail: parsed.detail ?? parsed.message,
    };
  } catch {
    return { ...fallback, detail: text.slice(0, 300) };
  }
}

export interface Versioned<T> {
  data: T;
  /** The version to send back in If-Match, from the ETag header or the body. */
  version: string | null;
}

async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.version !== undefined) {
    const v = String(opts.version);
    headers['if-match'] = v.startsWith('"') || v.startsWith('W/') ? v : `"${v}"`;
  }
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({
      title: 'Network error',
      status: 0,
      detail: 'The Orrery server could not be reached. Check your connection and try again.',
    });
  }
  if (!res.ok) throw new ApiError(await toProblem(res));
  return res;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function toQuery(params: ListParams | undefined): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The typed API: one function per call the web app makes. */
export const api = {
  list<C extends CollectionName>(collection: C, params?: ListParams, signal?: AbortSignal) {
    return request<Page<Collections[C]>>(`/${collection}${toQuery(params)}`, { signal });
  },
  async get<C extends CollectionName>(
    collection: C,
    id: string,
    signal?: AbortSignal,
  ): Promise<Versioned<Collections[C]>> {
    const res = await send(`/${collection}/${encodeURIComponent(id)}`, { signal });
    const data = (await res.json()) as Collections[C];
    const etag = res.headers.get('etag');
    const version = etag ?? (data.version !== undefined ? String(data.version) : null);
    return { data, version };
  },
  create<C extends CollectionName>(collection: C, body: Record<string, unknown>) {
    return request<Collections[C]>(`/${collection}`, { method: 'POST', body });
  },
  update<C extends CollectionName>(
    collection: C,
    id: string,
    version: string | number,
    body: Record<string, unknown>,
  ) {
    return request<Collections[C]>(`/${collection}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
      version,
    });
  },
  remove(collection: CollectionName, id: string, version?: string | number) {
    return request<void>(`/${collection}/${encodeURIComponent(id)}`, { method: 'DELETE', version });
  },
};
