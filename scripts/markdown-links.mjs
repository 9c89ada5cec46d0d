// Markdown as GitHub renders it, as far as links go: the links a file makes
// and the #anchors it offers. Code is skipped, because links there are not links.

/** What github-slugger keeps of a heading: letters, marks, digits, `_`, `-` and spaces. */
const NOT_IN_SLUG = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CODE_SPAN = /(`+)(?:(?!\n[ \t]*\n)[\s\S])*?\1(?!`)/g;
const INLINE_LINK =
  /!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
const HTML_LINK = /<(?:a|img)\s[^>]*?\b(?:href|src)\s*=\s*"([^"]*)"/gi;
const HTML_ANCHOR = /<[a-z][^>]*?\b(?:id|name)\s*=\s*"([^"]+)"/gi;

export function githubSlug(text) {
  return text.toLowerCase().replace(NOT_IN_SLUG, '').replace(/ /g, '-');
}

const blank = (text) => text.replace(/[^\n]/g, ' ');

/** The text with fenced code blocks emptied; every line (so every line number) is kept. */
function withoutFences(text) {
  let fence = null;
  const lines = text.split('\n').map((line) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence === null && marker) {
      fence = marker;
      return '';
    }
    if (fence !== null) {
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        !/\S/.test(line.slice(line.indexOf(marker) + marker.length))
      ) {
        fence = null;
      }
      return '';
    }
    return line;
  });
  return lines.join('\n');
}

/** The text with fenced code blocks and code spans blanked out. */
function withoutCode(text) {
  return withoutFences(text).replace(CODE_SPAN, blank);
}

/** A heading's text as rendered: code spans keep their text, link syntax, tags and emphasis go. */
function renderedText(markdown) {
  return markdown
    .split(/(`+[^`]*`+)/)
    .map((part, index) =>
      index % 2 === 1
        ? part.replace(/^`+|`+$/g, '')
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]*>/g, '')
            .replace(/(\*\*|\*|~~)(.+?)\1/g, '$2'),
    )
    .join('')
    .trim();
}

/** Every anchor the file offers: heading slugs (repeats numbered as GitHub does) and HTML ids. */
export function anchorsOf(text) {
  const anchors = new Set();
  const counts = new Map();
  const add = (slug) => {
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  };
  const lines = withoutFences(text).split('\n');
  lines.forEach((line, index) => {
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      add(githubSlug(renderedText(atx[1] ?? '')));
      return;
    }
    const next = lines[index + 1] ?? '';
    const paragraph = line.trim() !== '' && !/^ {0,3}([-*+>|]|\d+[.)])/.test(line);
    if (paragraph && /^ {0,3}(=+|-+)[ \t]*$/.test(next)) add(githubSlug(renderedText(line)));
  });
  for (const match of text.matchAll(HTML_ANCHOR)) anchors.add(match[1]);
  return anchors;
}

/** Every link target the file makes, with its line number, code excluded. */
export function linksOf(text) {
  const visible = withoutCode(text);
  const lineOf = (offset) => visible.slice(0, offset).split('\n').length;
  const links = [];
  for (const pattern of [INLINE_LINK, REFERENCE_DEFINITION, HTML_LINK]) {
    for (const match of visible.matchAll(pattern)) {
      const target = match[1].replace(/^<|>$/g, '');
      if (target !== '') links.push({ target, line: lineOf(match.index) });
    }
  }
  return links.sort((a, b) => a.line - b.line);
}
