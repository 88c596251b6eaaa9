import { describe, expect, it } from 'vitest';
import { jumpMatrix, Xoshiro128 } from '../../../src/engine/montecarlo/random.ts';

describe('Xoshiro128 jump', () => {
  it.each([0, 1, 2, 31, 1000, 9490])('lands where %i calls of next land', (steps) => {
    const stepped = new Xoshiro128(2026);
    const jumped = new Xoshiro128(2026);
    // start from a state that next() has already mixed, not the seeding one
    for (let k = 0; k < 5; k++) {
      stepped.next();
      jumped.next();
    }
    for (let k = 0; k < steps; k++) stepped.next();
    jumped.jump(jumpMatrix(steps));
    const draws = (g: Xoshiro128) => Array.from({ length: 8 }, () => g.next());
    expect(draws(jumped)).toEqual(draws(stepped));
  });

  it('leaves a different state for a different jump', () => {
    const a = new Xoshiro128(7);
    const b = new Xoshiro128(7);
    a.jump(jumpMatrix(10));
    b.jump(jumpMatrix(11));
    expect(a.next()).not.toBe(b.next());
  });
});
