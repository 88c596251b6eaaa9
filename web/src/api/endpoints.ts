import { request } from './client.ts';
import type {
  AuditEntityType,
  AuditEntry,
  ItemsOf,
  LoginResult,
  Me,
  ProjectMember,
  ProjectObjective,
} from './types.ts';

/** Calls that do not follow the generic collection contract. */
export const endpoints = {
  login(email: string, password: string) {
    return request<LoginResult>('/auth/login', { method: 'POST', body: { email, password } });
  },
  logout() {
    return request<void>('/auth/logout', { method: 'POST', body: {} });
  },
  me(signal?: AbortSignal) {
    return request<Me>('/me', { signal });
  },
  projectObjectives(projectId: string, signal?: AbortSignal) {
    return request<ItemsOf<ProjectObjective>>(`/projects/${projectId}/objectives`, { signal });
  },
  setProjectObjectives(projectId: string, items: { objectiveId: string; contribution: number }[]) {
    return request<ItemsOf<ProjectObjective>>(`/projects/${projectId}/objectives`, {
      method: 'PUT',
      body: { items },
    });
  },
  projectMembers(projectId: string, signal?: AbortSignal) {
    return request<ItemsOf<ProjectMember>>(`/projects/${projectId}/members`, { signal });
  },
  addProjectMember(projectId: string, userId: string, memberRole: string) {
    return request<ProjectMember>(`/projects/${projectId}/members`, {
      method: 'POST',
      body: { userId, memberRole },
    });
  },
  removeProjectMember(projectId: string, userId: string) {
    return request<void>(`/projects/${projectId}/members/${userId}`, { method: 'DELETE' });
  },
  audit(entityType: AuditEntityType, id: string, signal?: AbortSignal) {
    return request<ItemsOf<AuditEntry>>(`/audit/${entityType}/${id}`, { signal });
  },
};
