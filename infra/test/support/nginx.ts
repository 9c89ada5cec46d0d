export interface Directive {
  name: string;
  args: string[];
  /** Enclosing blocks, outermost first, e.g. ["http", "server", "location /"]. */
  blocks: string[];
}

/** A flat list of nginx directives with their enclosing blocks; enough to assert on, not a full parser. */
export function parseNginx(source: string): Directive[] {
  const tokens = tokenize(source);
  const directives: Directive[] = [];
  const blocks: string[] = [];
  let words: string[] = [];
  for (const { token, quoted } of tokens) {
    if (quoted) {
      words.push(token);
    } else if (token === '{') {
      blocks.push(words.join(' '));
      words = [];
    } else if (token === ';') {
      const [name, ...args] = words;
      if (name) directives.push({ name, args, blocks: [...blocks] });
      words = [];
    } else if (token === '}') {
      if (blocks.pop() === undefined) throw new Error('nginx.conf: unbalanced "}"');
      words = [];
    } else {
      words.push(token);
    }
  }
  if (blocks.length > 0 || words.length > 0) throw new Error('nginx.conf: unterminated block or directive');
  return directives;
}

function tokenize(source: string): Array<{ token: string; quoted: boolean }> {
  const tokens: Array<{ token: string; quoted: boolean }> = [];
  const pattern = /#[^\n]*|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([{};])|([^\s{};'"#]+)/g;
  for (const match of source.matchAll(pattern)) {
    if (match[0].startsWith('#')) continue;
    const quoted = match[1] ?? match[2];
    tokens.push(
      quoted === undefined
        ? { token: match[3] ?? match[4] ?? '', quoted: false }
        : { token: quoted, quoted: true },
    );
  }
  return tokens;
}

export function directivesNamed(directives: readonly Directive[], name: string): Directive[] {
  return directives.filter((directive) => directive.name === name);
}
