import { describe, expect, it } from 'vitest';
import { badgeSnippets } from '../../src/lib/badge-snippets.js';

const ID = '6f1c2f4e-3f1a-4b5e-9c55-0d2a4e1b7c10';

describe('badge snippets', () => {
  it('points every snippet at the same badge, flat by default without a query', () => {
    expect(badgeSnippets('https://mcpulse.example.com', ID, 'uptime-30d', 'flat')).toEqual({
      imageUrl: `https://mcpulse.example.com/api/v1/public/monitors/${ID}/badges/uptime-30d.svg`,
      jsonUrl: `https://mcpulse.example.com/api/v1/public/monitors/${ID}/badges/uptime-30d.json`,
      markdown: `![uptime 30d](https://mcpulse.example.com/api/v1/public/monitors/${ID}/badges/uptime-30d.svg)`,
      html: `<img src="https://mcpulse.example.com/api/v1/public/monitors/${ID}/badges/uptime-30d.svg" alt="uptime 30d">`,
      shieldsMarkdown: `![uptime 30d](https://img.shields.io/endpoint?url=${encodeURIComponent(
        `https://mcpulse.example.com/api/v1/public/monitors/${ID}/badges/uptime-30d.json`,
      )})`,
    });
  });

  it('carries a style other than flat in both URLs, escaped in the HTML attribute', () => {
    const snippets = badgeSnippets('http://localhost:3000', ID, 'status', 'for-the-badge');
    expect(snippets.imageUrl).toBe(
      `http://localhost:3000/api/v1/public/monitors/${ID}/badges/status.svg?style=for-the-badge`,
    );
    expect(snippets.jsonUrl.endsWith('/badges/status.json?style=for-the-badge')).toBe(true);
    expect(snippets.html).toBe(
      `<img src="http://localhost:3000/api/v1/public/monitors/${ID}/badges/status.svg?style=for-the-badge" alt="mcp">`,
    );
  });

  it('escapes an origin that carries markup in the HTML snippet', () => {
    const snippets = badgeSnippets('http://a"><script>', ID, 'tools', 'flat');
    expect(snippets.html).not.toContain('<script>');
    expect(snippets.html).toContain('&#34;&#62;&#60;script&#62;');
  });

  it('makes the Markdown and HTML badges links to a status page, escaped, and leaves the rest alone', () => {
    const bare = badgeSnippets('https://m.example', ID, 'status', 'flat');
    const linked = badgeSnippets(
      'https://m.example',
      ID,
      'status',
      'flat',
      'https://m.example/status/a"b (x)',
    );
    expect(linked.markdown).toBe(`[${bare.markdown}](https://m.example/status/a"b%20%28x%29)`);
    expect(linked.html).toBe(`<a href="https://m.example/status/a&#34;b (x)">${bare.html}</a>`);
    expect(linked.shieldsMarkdown).toBe(bare.shieldsMarkdown);
    expect(linked.imageUrl).toBe(bare.imageUrl);
  });
});
