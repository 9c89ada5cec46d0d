const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Characters XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE and
 * U+FFFF): the same escaping serves Atom feeds, which no reader would parse with one of them.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as HTML or XML text or as a quoted attribute value: markup characters become entities and
 * characters XML forbids become U+FFFD, so nothing of the text is read as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
