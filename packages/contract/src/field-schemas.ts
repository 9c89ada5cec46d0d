import { z } from 'zod';

/** An absolute http(s) URL without credentials in it; `credentials` is the message when it has some. */
export function httpUrl(credentials = 'must not carry credentials') {
  return z
    .string()
    .max(2048)
    .superRefine((text, ctx) => {
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
        return;
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: 'must be an http or https URL' });
      } else if (parsed.username || parsed.password) {
        ctx.addIssue({ code: 'custom', message: credentials });
      }
    });
}

export function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

/** The size of a page, in a query string: a client gives a number (or its digits), the route reads a number. */
export function pageLimit(max: number, fallback: number) {
  return z.coerce.number<number | string>().int().min(1).max(max).default(fallback);
}
