import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, isApiError } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { CollectionName, Collections } from '../api/types.ts';

type Values = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return a === b || ((a === '' || a == null) && (b === '' || b == null));
}

/**
 * Form state for one entity: values, field errors (from the client's own checks or from a
 * 400 problem response), and the fields changed since the record was read — a PATCH sends
 * only those, so a save never overwrites fields the user did not touch.
 */
export function useEntityForm<V extends Values>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [baseline, setBaseline] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set = <K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  };

  return {
    values,
    errors,
    set,
    setErrors,
    /** Props for a text input bound to `key`. */
    text: (key: keyof V & string) => ({
      value: (values[key] as string | null) ?? '',
      onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value as V[typeof key]),
      error: errors[key],
      name: key,
    }),
    /** Props for a Select / EntitySelect bound to `key`. */
    select: (key: keyof V & string) => ({
      value: (values[key] as string | null) ?? null,
      onChange: (v: string | null) => set(key, v as V[typeof key]),
      error: errors[key],
      name: key,
    }),
    /** Props for a NumberInput bound to `key` (empty input becomes null). */
    number: (key: keyof V & string) => ({
      value: (values[key] as number | null) ?? '',
      onChange: (v: number | string) => set(key, (v === '' ? null : Number(v)) as V[typeof key]),
      error: errors[key],
      name: key,
    }),
    changed(): Partial<V> {
      const out: Partial<V> = {};
      for (const k of Object.keys(values) as (keyof V)[]) {
        if (!same(values[k], baseline[k])) out[k] = values[k];
      }
      return out;
    },
    reset(next: V) {
      setValues(next);
      setBaseline(next);
      setErrors({});
    },
  };
}

export type EntityForm<V extends Values> = ReturnType<typeof useEntityForm<V>>;

/** Empty strings become null for optional fields the API types as `string | null`. */
export function nullIfEmpty(v: unknown): unknown {
  return v === '' ? null : v;
}

/**
 * Create (no id) or patch (id + version) an entity, then refresh every cached list and item
 * of the collections it touches. A 400's field errors land on the form's fields.
 */
export function useSaveEntity<C extends CollectionName, V extends Values>(
  collection: C,
  form: EntityForm<V>,
  opts: {
    id?: string;
    version?: string | null;
    also?: CollectionName[];
    onSaved?: (item: Collections[C]) => void;
  },
) {
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      opts.id ? api.update(collection, opts.id, opts.version ?? '', body) : api.create(collection, body),
    onSuccess: (item) => {
      // Show the saved record at once (the response is the new version), then refresh lists and
      // history in the background: closing the form must not wait for every list to reload.
      qc.setQueryData(keys.item(collection, item.id), { data: item, version: String(item.version) });
      opts.onSaved?.(item);
      for (const c of [collection, ...(opts.also ?? [])])
        void qc.invalidateQueries({ queryKey: keys.all(c) });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (e) => {
      if (isApiError(e, 400) || isApiError(e, 422)) form.setErrors(e.fieldErrors());
    },
  });

  /** After a 409: fetch the current version, put it in the form, forget the failed save. */
  const reload = async (toValues: (item: Collections[C]) => V) => {
    if (!opts.id) return;
    const fresh = await qc.fetchQuery({
      queryKey: keys.item(collection, opts.id),
      queryFn: () => api.get(collection, opts.id!),
      staleTime: 0,
    });
    form.reset(toValues(fresh.data));
    mutation.reset();
    await qc.invalidateQueries({ queryKey: ['audit'] });
  };

  return {
    mutation,
    reload,
    /** Submit handler: runs `check` (client-side rules), then sends `toBody(values)`. */
    submit:
      (
        toBody: (values: V, changed: Partial<V>) => Record<string, unknown>,
        check?: (v: V) => Record<string, string>,
      ) =>
      (e?: FormEvent) => {
        e?.preventDefault();
        const problems = check?.(form.values) ?? {};
        if (Object.keys(problems).length > 0) {
          form.setErrors(problems);
          return;
        }
        const body = toBody(form.values, form.changed());
        if (opts.id && Object.keys(body).length === 0) {
          opts.onSaved?.(undefined as never);
          return;
        }
        mutation.mutate(body);
      },
  };
}

/** Requires each named field to be non-empty; returns field errors. */
export function requireFields<V extends Values>(values: V, fields: Partial<Record<keyof V, string>>) {
  const out: Record<string, string> = {};
  for (const [k, label] of Object.entries(fields)) {
    const v = values[k];
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) {
      out[k] = `${label} is required`;
    }
  }
  return out;
}
