import { describe, expect, it } from 'vitest';
import { Html, html } from '../src/domain/status-pages/public/html.js';

describe('the html template', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'quoted'`;
    const out = html`<p title="${name}">${name}</p>`.text;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>',
    );
    expect(out).not.toContain('<script');
  });

  it('keeps what the template made, joins lists and drops absent values', () => {
    const items = ['a<b', 'c'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.text).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
  });

  it('never trusts a string that merely looks like markup, nor an object that is no Html', () => {
    const fake = { text: '<b>bold</b>' } as unknown as string;
    expect(html`${fake}`.text).toBe('[object Object]');
    expect(html`${new Html('<b>ok</b>')}`.text).toBe('<b>ok</b>');
  });
});
