import { escapeHtml } from '@mcpulse/core';

/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * `Html` (made by this template), so no untrusted text reaches a page unescaped by accident.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text and numbers are escaped, `Html` kept, lists joined, absent values dropped. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) {
    text += render(values[index] as HtmlValue) + (strings[index + 1] ?? '');
  }
  return new Html(text);
}
