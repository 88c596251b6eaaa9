import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type {
  Assignment,
  Booking,
  Candidate,
  CapacityCell,
  CapacityReport,
  Rate,
  ResourceSkill,
  StaffingRequest,
} from './resource-types.ts';
import type { ListParams, Page } from './types.ts';

export const resourceEndpoints = {
  rates: (id: string, signal?: AbortSignal) => request<Rate[]>(`/resources/${id}/rates`, { signal }),
  addRate: (id: string, body: Record<string, unknown>) =>
    request<Rate>(`/resources/${id}/rates`, { method: 'POST', body }),
  updateRate: (rate: Rate, body: Record<string, unknown>) =>
    request<Rate>(`/resource-rates/${rate.id}`, { method: 'PATCH', body, version: rate.version }),
  deleteRate: (rate: Rate) =>
    request<void>(`/resource-rates/${rate.id}`, { method: 'DELETE', version: rate.version }),
  setSkills: (id: string, skills: { skillId: string; proficiency: number }[]) =>
    request<ResourceSkill[]>(`/resources/${id}/skills`, { method: 'PUT', body: { skills } }),
  assignments: (id: string, signal?: AbortSignal) =>
    request<Page<Assignment>>(`/resources/${id}/assignments?pageSize=200&sort=start`, { signal }),
  bookings: (params: ListParams, signal?: AbortSignal) =>
    request<Page<Booking>>(`/bookings${toQuery(params)}`, { signal }),
  capacity: (params: ListParams, signal?: AbortSignal) =>
    request<CapacityReport>(`/capacity${toQuery(params)}`, { signal }),
  cell: (params: ListParams, signal?: AbortSignal) =>
    request<CapacityCell>(`/capacity/cell${toQuery(params)}`, { signal }),
  candidates: (requestId: string, signal?: AbortSignal) =>
    request<Candidate[]>(`/staffing-requests/${requestId}/candidates`, { signal }),
  book: (body: Record<string, unknown>) => request<Booking>('/bookings', { method: 'POST', body }),
  cancelBooking: (booking: Booking) =>
    request<void>(`/bookings/${booking.id}`, { method: 'DELETE', version: booking.version }),
  cancelRequest: (staffing: StaffingRequest) =>
    request<StaffingRequest>(`/staffing-requests/${staffing.id}`, {
      method: 'PATCH',
      body: { status: 'cancelled' },
      version: staffing.version,
    }),
};

export const resourceKeys = {
  rates: (id: string) => ['resources', 'rates', id] as const,
  assignments: (id: string) => ['resources', 'assignments', id] as const,
  bookings: (params: ListParams) => ['bookings', params] as const,
  capacity: (params: ListParams) => ['capacity', params] as const,
  cell: (params: ListParams) => ['capacity', 'cell', params] as const,
  candidates: (id: string) => ['staffing-requests', 'candidates', id] as const,
};

export const useRates = (id: string) =>
  useQuery({
    queryKey: resourceKeys.rates(id),
    queryFn: ({ signal }) => resourceEndpoints.rates(id, signal),
  });

export const useResourceAssignments = (id: string) =>
  useQuery({
    queryKey: resourceKeys.assignments(id),
    queryFn: ({ signal }) => resourceEndpoints.assignments(id, signal),
  });

export const useBookings = (params: ListParams) =>
  useQuery({
    queryKey: resourceKeys.bookings(params),
    queryFn: ({ signal }) => resourceEndpoints.bookings(params, signal),
  });

export const useCapacity = (params: ListParams) =>
  useQuery({
    queryKey: resourceKeys.capacity(params),
    queryFn: ({ signal }) => resourceEndpoints.capacity(params, signal),
    placeholderData: keepPreviousData,
  });

export const useCapacityCell = (params: ListParams | null) =>
  useQuery({
    queryKey: resourceKeys.cell(params ?? {}),
    queryFn: ({ signal }) => resourceEndpoints.cell(params ?? {}, signal),
    enabled: params !== null,
  });

export const useCandidates = (requestId: string) =>
  useQuery({
    queryKey: resourceKeys.candidates(requestId),
    queryFn: ({ signal }) => resourceEndpoints.candidates(requestId, signal),
  });

/** Booking, cancelling a booking or a request change the board, the resource's bookings and capacity. */
function useStaffingMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      for (const key of ['staffing-requests', 'bookings', 'capacity', 'resources'])
        client.invalidateQueries({ queryKey: [key] });
    },
  });
}

export const useBook = () => useStaffingMutation(resourceEndpoints.book);
export const useCancelBooking = () => useStaffingMutation(resourceEndpoints.cancelBooking);
export const useCancelRequest = () => useStaffingMutation(resourceEndpoints.cancelRequest);

/** A rate change reprices the resource's assignments, so their costs are read again too. */
function useRateMutation<T, R>(resourceId: string, mutationFn: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      client.invalidateQueries({ queryKey: resourceKeys.rates(resourceId) });
      client.invalidateQueries({ queryKey: resourceKeys.assignments(resourceId) });
    },
  });
}

export const useAddRate = (resourceId: string) =>
  useRateMutation(resourceId, (body: Record<string, unknown>) => resourceEndpoints.addRate(resourceId, body));
export const useUpdateRate = (resourceId: string) =>
  useRateMutation(resourceId, ({ rate, body }: { rate: Rate; body: Record<string, unknown> }) =>
    resourceEndpoints.updateRate(rate, body),
  );
export const useDeleteRate = (resourceId: string) =>
  useRateMutation(resourceId, resourceEndpoints.deleteRate);
