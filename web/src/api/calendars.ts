import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { ListParams, Page } from './types.ts';

/** Minutes from midnight, as the API and the engine keep working time. */
export interface Interval {
  from: number;
  to: number;
}

export interface CalendarException {
  id?: string;
  name?: string;
  from: string;
  to?: string;
  intervals: Interval[];
  recurYearly?: boolean;
}

/** A dated work week: between `from` and `to` (inclusive) its days replace the calendar's week; null keeps that week's day. */
export interface WorkWeek {
  name?: string;
  from: string;
  to: string;
  week: (Interval[] | null)[];
}

export interface Calendar {
  id: string;
  version: number;
  name: string;
  projectId: string | null;
  projectName: string | null;
  /** Set on a resource's own calendar (its time off). */
  resourceId: string | null;
  resourceName: string | null;
  baseCalendarId: string | null;
  baseCalendarName: string | null;
  isDefault: boolean;
  /** Sunday first; null inherits the base calendar's day. */
  week: (Interval[] | null)[];
  exceptions: CalendarException[];
  workWeeks: WorkWeek[];
  usage: { resources: number; projects: number; tasks: number; calendars: number };
  /** Each weekday after inheritance (single reads only). */
  resolvedWeek?: Interval[][];
}

export interface TimeOff {
  id: string;
  calendarId: string;
  name: string;
  from: string;
  to: string;
}

export type CalendarBody = Partial<
  Pick<Calendar, 'name' | 'baseCalendarId' | 'isDefault' | 'week' | 'exceptions' | 'workWeeks'>
>;

export const calendarEndpoints = {
  list: (params: ListParams, signal?: AbortSignal) =>
    request<Page<Calendar>>(`/calendars${toQuery(params)}`, { signal }),
  get: (id: string, signal?: AbortSignal) => request<Calendar>(`/calendars/${id}`, { signal }),
  create: (body: CalendarBody) => request<Calendar>('/calendars', { method: 'POST', body }),
  update: (calendar: Calendar, body: CalendarBody) =>
    request<Calendar>(`/calendars/${calendar.id}`, { method: 'PATCH', body, version: calendar.version }),
  remove: (calendar: Calendar) =>
    request<void>(`/calendars/${calendar.id}`, { method: 'DELETE', version: calendar.version }),
  timeOff: (resourceId: string, signal?: AbortSignal) =>
    request<TimeOff[]>(`/resources/${resourceId}/time-off`, { signal }),
  addTimeOff: (resourceId: string, body: { from: string; to: string; name?: string }) =>
    request<TimeOff>(`/resources/${resourceId}/time-off`, { method: 'POST', body }),
  removeTimeOff: (resourceId: string, timeOffId: string) =>
    request<void>(`/resources/${resourceId}/time-off/${timeOffId}`, { method: 'DELETE' }),
};

export const calendarKeys = {
  list: (params: ListParams) => ['calendars', 'list', params] as const,
  one: (id: string) => ['calendars', 'one', id] as const,
  timeOff: (resourceId: string) => ['resources', 'time-off', resourceId] as const,
};

export const useCalendars = (params: ListParams) =>
  useQuery({
    queryKey: calendarKeys.list(params),
    queryFn: ({ signal }) => calendarEndpoints.list(params, signal),
    placeholderData: keepPreviousData,
  });

export const useCalendar = (id: string | null) =>
  useQuery({
    queryKey: calendarKeys.one(id ?? ''),
    queryFn: ({ signal }) => calendarEndpoints.get(id as string, signal),
    enabled: id !== null,
  });

export const useTimeOff = (resourceId: string) =>
  useQuery({
    queryKey: calendarKeys.timeOff(resourceId),
    queryFn: ({ signal }) => calendarEndpoints.timeOff(resourceId, signal),
  });

/** A calendar change can move plan dates and capacity, so those are read again too. */
function useCalendarMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      for (const key of ['calendars', 'resources', 'capacity', 'tasks', 'gantt'])
        client.invalidateQueries({ queryKey: [key] });
    },
  });
}

export const useCreateCalendar = () => useCalendarMutation(calendarEndpoints.create);
export const useUpdateCalendar = () =>
  useCalendarMutation(({ calendar, body }: { calendar: Calendar; body: CalendarBody }) =>
    calendarEndpoints.update(calendar, body),
  );
export const useDeleteCalendar = () => useCalendarMutation(calendarEndpoints.remove);
export const useAddTimeOff = (resourceId: string) =>
  useCalendarMutation((body: { from: string; to: string; name?: string }) =>
    calendarEndpoints.addTimeOff(resourceId, body),
  );
export const useRemoveTimeOff = (resourceId: string) =>
  useCalendarMutation((timeOffId: string) => calendarEndpoints.removeTimeOff(resourceId, timeOffId));
