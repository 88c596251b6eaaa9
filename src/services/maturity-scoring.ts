/**
 * The scoring rule for maturity assessments: each knowledge area's score is the mean of its
 * answers (1–5); the assessment's score is the mean of the area scores, so an area with many
 * questions weighs no more than one with few; the level is that score rounded down (1–5).
 *
 * @example scoreAnswers([{ area: 'Risk', score: 2 }, { area: 'Risk', score: 4 }, { area: 'Scope', score: 5 }])
 *   // → { score: 4, level: 4 }  (Risk 3, Scope 5, mean 4)
 */
export function scoreAnswers(answers: ReadonlyArray<{ area: string; score: number }>): {
  score: number;
  level: number;
} {
  if (answers.length === 0) throw new Error('an assessment needs answers');
  const areas = new Map<string, { total: number; count: number }>();
  for (const { area, score } of answers) {
    const entry = areas.get(area) ?? { total: 0, count: 0 };
    entry.total += score;
    entry.count += 1;
    areas.set(area, entry);
  }
  const means = [...areas.values()].map((entry) => entry.total / entry.count);
  const score = Math.round((means.reduce((a, b) => a + b, 0) / means.length) * 100) / 100;
  return { score, level: Math.min(5, Math.max(1, Math.floor(score))) };
}

export type Oversight = 'intensive' | 'standard' | 'light';

/** Levels below `standardFrom` are intensive, from `lightFrom` light, standard between; unassessed is standard. */
export function oversightOfLevel(
  level: number | null,
  policy: { standardFrom: number; lightFrom: number },
): Oversight {
  if (level === null) return 'standard';
  if (level < policy.standardFrom) return 'intensive';
  if (level >= policy.lightFrom) return 'light';
  return 'standard';
}
