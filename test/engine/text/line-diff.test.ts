import { describe, expect, it } from 'vitest';
import { diffSequences, diffTexts } from '../../../src/engine/text/line-diff.ts';

describe('diffTexts', () => {
  it('keeps equal texts as one run of unchanged lines', () => {
    const lines = diffTexts('a\nb', 'a\nb');
    expect(lines.map((l) => l.kind)).toEqual(['same', 'same']);
    expect(lines.map((l) => [l.oldLine, l.newLine])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('shows a replaced line as removed then added, with the changed words marked', () => {
    const lines = diffTexts('# Policy\nReview risks monthly.\nEnd', '# Policy\nReview risks weekly.\nEnd');
    expect(lines.map((l) => `${l.kind}:${l.text}`)).toEqual([
      'same:# Policy',
      'removed:Review risks monthly.',
      'added:Review risks weekly.',
      'same:End',
    ]);
    expect(lines[1]?.words).toEqual([
      { kind: 'same', text: 'Review risks ' },
      { kind: 'removed', text: 'monthly.' },
    ]);
    expect(lines[2]?.words).toEqual([
      { kind: 'same', text: 'Review risks ' },
      { kind: 'added', text: 'weekly.' },
    ]);
    expect(lines[2]?.newLine).toBe(2);
    expect(lines[1]?.oldLine).toBe(2);
  });

  it('numbers lines on each side when lines are only added or only removed', () => {
    const lines = diffTexts('one\ntwo\nthree', 'zero\none\nthree\nfour');
    expect(lines.map((l) => `${l.kind}:${l.text}:${l.oldLine}:${l.newLine}`)).toEqual([
      'added:zero:null:1',
      'same:one:1:2',
      'removed:two:2:null',
      'same:three:3:3',
      'added:four:null:4',
    ]);
  });

  it('treats an empty text as no lines', () => {
    expect(diffTexts('', '')).toEqual([]);
    expect(diffTexts('', 'x').map((l) => l.kind)).toEqual(['added']);
  });

  it('rebuilds both texts from the script (property over small alphabets)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 200; run++) {
      const make = () =>
        Array.from({ length: Math.floor(random() * 12) }, () => 'abc'[Math.floor(random() * 3)] as string);
      const a = make();
      const b = make();
      const script = diffSequences(a, b);
      expect(script.filter((s) => s.kind !== 'added').map((s) => s.item)).toEqual(a);
      expect(script.filter((s) => s.kind !== 'removed').map((s) => s.item)).toEqual(b);
    }
  });
});

describe('word marks', () => {
  it('leaves a line rewritten from scratch unmarked rather than speckled', () => {
    const lines = diffTexts('The sponsor owns the business case.', '| Role | Owns |');
    expect(lines.map((l) => l.kind)).toEqual(['removed', 'added']);
    expect(lines.every((l) => l.words === undefined)).toBe(true);
  });
});
