import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html-text.js';

describe('escapeHtml', () => {
  it('turns markup characters into entities', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('replaces the characters XML forbids, keeping bidirectional controls for <bdi> to isolate', () => {
    expect(escapeHtml('a\u0000b\u0008c\u001fd\ud800e\uffff')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffd');
    expect(escapeHtml('\u202eevil\t\n')).toBe('\u202eevil\t\n');
    expect(escapeHtml('😀')).toBe('😀');
  });
});
