import type { Locator, Page } from 'playwright-core';

export interface Overflow {
  /** How far the page scrolls sideways, in CSS pixels (0 when it does not). */
  scroll: number;
  /** The deepest elements that reach past the right edge, to name in a failure. */
  culprits: string[];
}

/** Whether the page scrolls horizontally, and which elements stick out if it does. */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5) continue;
      // Report the innermost element only: its ancestors stick out because of it.
      if (Array.from(element.children).some((child) => child.getBoundingClientRect().right > width + 0.5))
        continue;
      const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
      culprits.push(`${name} (right ${Math.round(box.right)} px)`);
      if (culprits.length === 8) break;
    }
    return { scroll: root.scrollWidth - width, culprits };
  });
}

/** The box of an element, in page pixels. */
export async function boxOf(locator: Locator): Promise<{ left: number; right: number; top: number }> {
  const box = await locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, right: rect.right, top: rect.top + window.scrollY };
  });
  return box;
}
