import { describe, expect, it } from 'vitest';
import { boundText } from '../../src/lib/bounded-text.js';

describe('boundText', () => {
  it('keeps a short string whole', () => {
    expect(boundText('connection refused', 100)).toEqual({ text: 'connection refused', cut: 0 });
  });

  it('cuts a 3 MB message to the cap and counts the rest', () => {
    const message = 'v'.repeat(3_000_000);
    expect(boundText(message, 1_000)).toEqual({ text: 'v'.repeat(1_000), cut: 2_999_000 });
  });

  it('never splits a surrogate pair', () => {
    const { text, cut } = boundText('ab😀cd', 3);
    expect(text).toBe('ab');
    expect(cut).toBe(4);
  });
});
