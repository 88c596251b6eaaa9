import { z } from 'zod';

export const idSchema = z.uuid();
export const isoDateSchema = z.iso.date();

export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Columns every mutable entity shares. */
export const versionedSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const entityTypes = [
  'organization',
  'user',
  'business_unit',
  'objective',
  'portfolio',
  'program',
  'project',
  'role_grant',
  'api_token',
  'task',
  'task_link',
  'project_schedule',
  'baseline',
  'risk',
  'risk_action',
  'risk_matrix',
  'risk_category',
  'issue',
  'escalation_rule',
  'change_request',
  'change_authority',
  'task_estimate',
  'schedule_simulation',
  'leveling_run',
  'resource_role',
  'skill',
  'resource',
  'resource_rate',
  'assignment',
  'staffing_request',
  'booking',
  'lifecycle',
  'gate_review',
  'benefit',
  'lesson',
  'lesson_change_proposal',
  'status_report',
  'status_report_comment',
  'reporting_cadence',
  'status_thresholds',
  'email',
  'quality_standard',
  'quality_inspection',
  'quality_finding',
  'corrective_action',
  'maturity_questionnaire',
  'maturity_assessment',
  'oversight_policy',
  'mentorship',
  'mentoring_session',
  'stakeholder',
  'communication_plan',
  'announcement',
  'budget_line',
  'budget_envelope',
  'actual_cost',
  'cost_forecast',
  'mail_settings',
  'process_asset',
  'asset_version',
  'asset_attachment',
  'project_template',
  'template_version',
  'configuration_item',
  'ci_version',
  'config_baseline',
  'proposal',
  'scoring_model',
  'scoring_evaluation',
  'scenario',
  'calendar',
] as const;
export type EntityType = (typeof entityTypes)[number];

/**
 * The schema of a partial update: every field optional and without its create-time default, so a
 * PATCH changes only what it names. (zod 4 applies a default even inside `.optional()`.)
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    fields[key] = bare.optional();
  }
  return z.object(fields).strict() as unknown as z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<Shape[K]> }>;
}
