import { isoDate, type TableSpec, versionColumns } from '../sql.ts';

export const businessUnits: TableSpec = {
  table: 'business_units',
  columns: { name: 'name', code: 'code', parentId: 'parent_id', pmoMode: 'pmo_mode' },
  select: `SELECT ${versionColumns}, t.name, t.code, t.parent_id AS "parentId", p.name AS "parentName",
      t.pmo_mode AS "pmoMode"
    FROM business_units t LEFT JOIN business_units p ON p.org_id = t.org_id AND p.id = t.parent_id`,
  sortable: { name: 't.name', code: 't.code', createdAt: 't.created_at' },
  searchable: ['t.name', 't.code'],
};

export const objectives: TableSpec = {
  table: 'strategic_objectives',
  columns: {
    name: 'name',
    description: 'description',
    weight: 'weight',
    ownerId: 'owner_id',
    measure: 'measure',
  },
  select: `SELECT ${versionColumns}, t.name, t.description, t.weight::float8 AS weight, t.owner_id AS "ownerId",
      u.name AS "ownerName", t.measure
    FROM strategic_objectives t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { name: 't.name', weight: 't.weight', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

export const portfolios: TableSpec = {
  table: 'portfolios',
  columns: {
    name: 'name',
    description: 'description',
    businessUnitId: 'business_unit_id',
    managerId: 'manager_id',
  },
  select: `SELECT ${versionColumns}, t.name, t.description, t.business_unit_id AS "businessUnitId",
      b.name AS "businessUnitName", t.manager_id AS "managerId", u.name AS "managerName"
    FROM portfolios t
    LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.manager_id`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

export const programs: TableSpec = {
  table: 'programs',
  columns: {
    name: 'name',
    goal: 'goal',
    portfolioId: 'portfolio_id',
    managerId: 'manager_id',
    expectedBenefits: 'expected_benefits',
  },
  select: `SELECT ${versionColumns}, t.name, t.goal, t.portfolio_id AS "portfolioId", f.name AS "portfolioName",
      t.manager_id AS "managerId", u.name AS "managerName", t.expected_benefits AS "expectedBenefits"
    FROM programs t
    LEFT JOIN portfolios f ON f.org_id = t.org_id AND f.id = t.portfolio_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.manager_id`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.goal'],
};

export const projects: TableSpec = {
  table: 'projects',
  columns: {
    code: 'code',
    name: 'name',
    description: 'description',
    managerId: 'manager_id',
    sponsorId: 'sponsor_id',
    businessUnitId: 'business_unit_id',
    portfolioId: 'portfolio_id',
    programId: 'program_id',
    stage: 'stage',
    methodology: 'methodology',
    targetStart: 'target_start',
    targetFinish: 'target_finish',
    budget: 'budget',
    priority: 'priority',
    health: 'health',
  },
  select: `SELECT ${versionColumns}, t.code, t.name, t.description,
      t.manager_id AS "managerId", m.name AS "managerName", t.sponsor_id AS "sponsorId", s.name AS "sponsorName",
      t.business_unit_id AS "businessUnitId", b.name AS "businessUnitName",
      t.portfolio_id AS "portfolioId", f.name AS "portfolioName", t.program_id AS "programId", g.name AS "programName",
      t.stage, t.methodology, ${isoDate('t.target_start')} AS "targetStart", ${isoDate('t.target_finish')} AS "targetFinish",
      t.budget::float8 AS budget, t.priority, t.health
    FROM projects t
    LEFT JOIN users m ON m.org_id = t.org_id AND m.id = t.manager_id
    LEFT JOIN users s ON s.org_id = t.org_id AND s.id = t.sponsor_id
    LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
    LEFT JOIN portfolios f ON f.org_id = t.org_id AND f.id = t.portfolio_id
    LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id`,
  sortable: {
    code: 't.code',
    name: 't.name',
    stage: 't.stage',
    health: 't.health',
    priority: 't.priority',
    budget: 't.budget',
    targetStart: 't.target_start',
    targetFinish: 't.target_finish',
    createdAt: 't.created_at',
  },
  searchable: ['t.code', 't.name', 't.description'],
};

export const users: TableSpec = {
  table: 'users',
  columns: { email: 'email', name: 'name', isActive: 'is_active', passwordHash: 'password_hash' },
  select: `SELECT ${versionColumns}, t.email, t.name, t.is_active AS "isActive" FROM users t`,
  sortable: { name: 't.name', email: 't.email', createdAt: 't.created_at' },
  searchable: ['t.name', 't.email'],
};

export const roleGrants: TableSpec = {
  table: 'role_grants',
  columns: { userId: 'user_id', role: 'role', scopeType: 'scope_type', scopeId: 'scope_id' },
  select: `SELECT ${versionColumns}, t.user_id AS "userId", u.name AS "userName", t.role, t.scope_type AS "scopeType",
      t.scope_id AS "scopeId",
      CASE t.scope_type
        WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = t.org_id)
        WHEN 'business_unit' THEN (SELECT x.name FROM business_units x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'portfolio' THEN (SELECT x.name FROM portfolios x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'program' THEN (SELECT x.name FROM programs x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
        WHEN 'project' THEN (SELECT x.code || ' ' || x.name FROM projects x WHERE x.org_id = t.org_id AND x.id = t.scope_id)
      END AS "scopeName"
    FROM role_grants t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id`,
  sortable: { userName: 'u.name', role: 't.role', createdAt: 't.created_at' },
  searchable: ['u.name', 't.role'],
};
