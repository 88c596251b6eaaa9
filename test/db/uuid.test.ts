import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/uuid.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('sets the version nibble to 7 and the RFC 9562 variant bits', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
      const variant = Number.parseInt(id.slice(19, 20), 16);
      expect(variant >> 2).toBe(0b10);
    }
  });

  it('carries the Unix milliseconds in its first 48 bits', () => {
    const later = Date.now() + 365 * 24 * 3600 * 1000;
    expect(millisOf(uuidv7(later))).toBe(later);
  });

  it('is strictly increasing when many ids are made in the same millisecond', () => {
    // More than the 4,096 the 12-bit counter holds, so the overflow into the next millisecond is crossed.
    const now = Date.now() + 2 * 365 * 24 * 3600 * 1000;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(now));
    const outOfOrder = ids.findIndex((id, i) => i > 0 && !(id > ids[i - 1]));
    expect(outOfOrder).toBe(-1);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is strictly increasing within a process whatever the clock does, backwards included', () => {
    const base = Date.now();
    let previous = uuidv7(base);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: base - 10 * 365 * 86_400_000, max: base + 3 * 365 * 86_400_000 }), {
          minLength: 1,
          maxLength: 50,
        }),
        (clock) => {
          for (const now of clock) {
            const id = uuidv7(now);
            expect(id).toMatch(UUID_V7);
            if (!(id > previous)) return false;
            previous = id;
          }
          return true;
        },
      ),
    );
  });
});
