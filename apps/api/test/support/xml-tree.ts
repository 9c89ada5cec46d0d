/** An element of a parsed XML document: enough to check a feed's structure. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text))
    throw new Error(`bare & in ${text.slice(0, 80)}`);
  if (text.includes('<')) throw new Error(`bare < in ${text.slice(0, 80)}`);
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`unknown entity &${entity};`);
    return value;
  });
}

/**
 * A strict parser of the XML subset a feed uses (a declaration, elements, attributes, text and the
 * five entities): it throws on anything not well-formed, so a test of a feed can fail on it.
 */
export function parseXml(document: string): XmlElement {
  const body = document.replace(/^<\?xml [^?]*\?>\s*/, '');
  const tokens = body.match(/<[^>]*>|[^<]+/g) ?? [];
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  for (const token of tokens) {
    const top = stack.at(-1)!;
    if (!token.startsWith('<')) {
      top.text += decode(token);
      continue;
    }
    const close = /^<\/([\w:.-]+)\s*>$/.exec(token);
    if (close) {
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>$/.exec(token);
    if (!open) throw new Error(`not a tag: ${token.slice(0, 80)}`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of open[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g))
      attributes[key!] = decode(value!);
    const element: XmlElement = { name: open[1]!, attributes, children: [], text: '' };
    top.children.push(element);
    if (open[3] !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not one root element');
  return root.children[0]!;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text;
}
