export {
  DependencyCycleError,
  InfeasibleMandatoryError,
  type MandatoryConflict,
  PortfolioInputError,
  ScoreOutOfScaleError,
  SelectionLimitError,
} from './errors.ts';
export { computeEfficientFrontier, type FrontierPoint } from './frontier.ts';
export type { PortfolioCandidate, PortfolioProblem } from './problem.ts';
export {
  type CandidateScore,
  type Evaluation,
  type ScoringCriterion,
  type ScoringModel,
  type Spread,
  scoreCandidates,
} from './scoring.ts';
export {
  type SelectedCandidate,
  type SelectionOptions,
  type SelectionResult,
  selectPortfolio,
} from './select.ts';
