import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * Every non-empty document of a YAML file, with merge keys (`<<`) resolved as
 * Docker Compose resolves them. A syntax error fails with the file's name.
 */
export function readYamlDocuments(file: string): unknown[] {
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  if (!Array.isArray(parsed)) return [];
  const documents: unknown[] = [];
  for (const document of parsed) {
    const [error] = document.errors;
    if (error) throw new Error(`${file}: ${error.message}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) documents.push(value);
  }
  return documents;
}

export function readYamlDocument(file: string): unknown {
  const [first, ...rest] = readYamlDocuments(file);
  if (first === undefined || rest.length > 0) throw new Error(`${file}: expected exactly one YAML document`);
  return first;
}
