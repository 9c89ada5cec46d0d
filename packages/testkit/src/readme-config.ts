import { readFileSync } from 'node:fs';

/** One row of a configuration table in the README: the variable and its cells after the name. */
export interface ConfigRow {
  variable: string;
  cells: string[];
}

/**
 * The rows of the configuration table that follows the line starting with `**<heading>**` in a
 * README, so a test can hold the documented variables to the ones a process reads. Throws when the
 * heading or its table is missing: a renamed heading must not make the comparison vacuous.
 */
export function readmeConfigTable(readmePath: string, heading: string): ConfigRow[] {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(`**${heading}**`));
  if (start < 0) throw new Error(`README has no "**${heading}**" heading`);
  const rows: ConfigRow[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((cell) => cell.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '');
    if (name?.[1]) rows.push({ variable: name[1], cells: cells.slice(1) });
  }
  if (rows.length === 0) throw new Error(`README's "**${heading}**" table has no variables`);
  return rows;
}
