import { describe, expect, it } from 'vitest';
import { buildCandidates, monthIndex, monthLabels } from '../../src/services/portfolio-candidates.ts';

const empty = { costs: [], demand: [], staffing: [], requires: [], objectives: [] };
const project = {
  candidateType: 'project' as const,
  candidateId: 'p1',
  code: 'RUN',
  title: 'Running',
  status: 'execution',
  budget: 400,
  targetStart: '2027-01-11',
  targetFinish: '2027-02-20',
};
const proposal = {
  candidateType: 'proposal' as const,
  candidateId: 'a',
  code: 'A',
  title: 'Proposal A',
  status: 'submitted',
  budget: 0,
  targetStart: null,
  targetFinish: null,
};

describe('optimization candidates from stored rows', () => {
  it('numbers months from the horizon start', () => {
    expect(monthIndex('2027-11-01', '2028-02-01')).toBe(3);
    expect(monthLabels('2027-11-01', 3)).toEqual(['2027-11', '2027-12', '2028-01']);
  });

  it("spreads a running project's budget over its target months when it has no budget lines", () => {
    const { candidates } = buildCandidates(
      { ...empty, rows: [project] },
      '2027-01-01',
      3,
      new Map(),
      new Map(),
    );
    expect(candidates[0].cost).toEqual([200, 200, 0]);
  });

  it('prefers budget lines, and leaves out amounts outside the horizon', () => {
    const { candidates } = buildCandidates(
      {
        ...empty,
        rows: [project],
        costs: [
          { candidateId: 'p1', period: '2026-12-01', amount: 50 },
          { candidateId: 'p1', period: '2027-02-01', amount: 70 },
        ],
      },
      '2027-01-01',
      3,
      new Map([['p1', 62.5]]),
      new Map(),
    );
    expect(candidates[0]).toMatchObject({ cost: [0, 70, 0], score: 62.5, scored: true });
  });

  it('turns a staffing request into role hours per month over its working days', () => {
    const { candidates } = buildCandidates(
      {
        ...empty,
        rows: [project],
        // Friday 29 January to Tuesday 2 February 2027: 1 working day in January, 2 in February.
        staffing: [
          { candidateId: 'p1', roleId: 'dev', startDate: '2027-01-29', finishDate: '2027-02-02', units: 0.5 },
        ],
      },
      '2027-01-01',
      2,
      new Map(),
      new Map(),
    );
    expect(candidates[0].demand).toEqual({ dev: [4, 8] });
  });

  it('blocks a proposal that needs a proposal which is no longer competing, naming it', () => {
    const { candidates, blocked } = buildCandidates(
      {
        ...empty,
        rows: [proposal],
        requires: [{ candidateId: 'a', requiresProposalId: 'gone', requiresProjectId: null }],
      },
      '2027-01-01',
      1,
      new Map(),
      new Map([['gone', 'OLD-1 (rejected)']]),
    );
    expect(blocked.get('a')).toBe('OLD-1 (rejected)');
    expect(candidates[0].requires).toEqual([]);
  });
});
