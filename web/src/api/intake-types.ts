// Shapes of the intake, scoring and scenario API, as the web app uses them.

export type ProposalStatus = 'draft' | 'submitted' | 'in_triage' | 'accepted' | 'rejected' | 'deferred';
export type TriageDecision = 'in_triage' | 'accepted' | 'rejected' | 'deferred';
export type CostCategory = 'labour' | 'capital' | 'operating' | 'other';
export type CandidateType = 'proposal' | 'project';

export interface CostLine {
  period: string;
  category: CostCategory;
  amount: number;
}

export interface Proposal {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  code: string;
  title: string;
  businessUnitId: string;
  businessUnitName: string | null;
  portfolioId: string;
  portfolioName: string | null;
  programId: string | null;
  programName: string | null;
  sponsorId: string | null;
  sponsorName: string | null;
  submitterId: string | null;
  submitterName: string | null;
  status: ProposalStatus;
  businessCase: string;
  expectedBenefits: string;
  keyRisks: string;
  proposedStart: string | null;
  durationMonths: number;
  triageNote: string;
  triagedByName: string | null;
  triagedAt: string | null;
  projectId: string | null;
  totalCost: number;
  objectives: { objectiveId: string; objectiveName: string; contribution: number }[];
  costLines: CostLine[];
  roleDemand: { roleId: string; roleName: string; period: string; hours: number }[];
  dependencies: { proposalId: string | null; projectId: string | null; label: string }[];
}

export type CriterionKind = 'objective_alignment' | 'value' | 'risk' | 'urgency' | 'custom';

export interface Criterion {
  id: string;
  name: string;
  kind: CriterionKind;
  objectiveId: string | null;
  objectiveName: string | null;
  weight: number;
  position: number;
}

export interface ScoringModel {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  name: string;
  description: string;
  active: boolean;
  scaleMin: number;
  scaleMax: number;
  criteria: Criterion[];
  evaluators: { userId: string; name: string }[];
}

export interface Evaluation {
  id: string;
  criterionId: string;
  criterionName: string;
  evaluatorId: string;
  evaluatorName: string;
  candidateType: CandidateType;
  candidateId: string;
  score: number;
  comment: string;
  updatedAt: string;
}

export interface Spread {
  min: number;
  max: number;
  stdDev: number;
}

export interface RankingEntry {
  candidateType: CandidateType;
  candidateId: string;
  code: string;
  title: string;
  status: string;
  rank: number;
  score: number;
  percent: number;
  evaluators: number;
  incomplete: number;
  spread: Spread;
  criteria: { criterionId: string; name: string; mean: number; spread: Spread }[];
}

export interface Ranking {
  modelId: string;
  modelName: string;
  scaleMin: number;
  scaleMax: number;
  items: RankingEntry[];
}

export interface Candidate {
  candidateType: CandidateType;
  candidateId: string;
  code: string;
  title: string;
  status: string;
  score: number;
  scored: boolean;
  cost: number[];
  demand: Record<string, number[]>;
  requires: { candidateType: CandidateType; candidateId: string }[];
  objectiveIds: string[];
}

export interface CandidateList {
  months: string[];
  modelId: string | null;
  items: Candidate[];
}

export interface CandidateLabel {
  candidateType: CandidateType;
  candidateId: string;
  code: string;
  title: string;
}

export interface FrontierPoint {
  budget: number;
  feasible: boolean;
  totalScore: number | null;
  totalCost: number | null;
  selectedCount: number | null;
}

export type OptimizationMethod = 'exact' | 'branch-and-bound-limit' | 'heuristic';

export interface OptimizationResult {
  method: OptimizationMethod;
  optimal: boolean;
  gap: number;
  bound: number;
  totalScore: number;
  candidateCount: number;
  months: string[];
  selected: (CandidateLabel & { score: number; shift: number })[];
  rejected: CandidateLabel[];
  costPerPeriod: number[];
  demandPerRole: Record<string, number[]>;
  frontier: FrontierPoint[];
}

export interface ScenarioItem extends CandidateLabel {
  mandatory: boolean;
  excluded: boolean;
  included: boolean;
  shiftMonths: number;
  holdFlagged: boolean;
}

export interface Scenario {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  name: string;
  description: string;
  portfolioId: string | null;
  portfolioName: string | null;
  horizonStart: string;
  periods: number;
  budget: (number | null)[];
  capacity: Record<string, (number | null)[]>;
  maxShift: number;
  status: 'draft' | 'promoted';
  optimizedAt: string | null;
  promotedAt: string | null;
  result: OptimizationResult | null;
  items: ScenarioItem[];
}

export interface ComparedScenario {
  id: string;
  name: string;
  status: 'draft' | 'promoted';
  optimized: boolean;
  totalScore: number;
  method: string | null;
  gap: number | null;
  selectedCount: number;
  totalCost: number;
  costPerPeriod: number[];
  budgetPerPeriod: (number | null)[];
  capacityUse: {
    roleId: string;
    roleName: string;
    used: number[];
    limit: (number | null)[];
    peakPercent: number | null;
  }[];
  objectivesCovered: { objectiveId: string; name: string; candidates: number }[];
}

export interface Comparison {
  months: string[];
  scenarios: ComparedScenario[];
}

export interface Promotion {
  scenario: Scenario;
  createdProjects: { proposalId: string; projectId: string; code: string }[];
  holdFlagged: { projectId: string; code: string; name: string }[];
}
