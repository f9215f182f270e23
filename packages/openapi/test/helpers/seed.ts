// Reads a ground-truth page of the public API reference (plain text, as saved in ../shared/seeds).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from './paths';

/** The seed file whose text contains `needle`; throws a clear error if there is none. */
export function findSeed(needle: string, dir = seedsDir): { path: string; text: string } {
  if (!existsSync(dir)) throw new Error(`seed folder ${dir} does not exist: the project's ground-truth folder shared/ (with seeds/ and api-facts/) must sit beside the repository, as ../shared`);
  const matches: { path: string; text: string }[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path, 'utf8');
    if (text.includes(needle)) matches.push({ path, text });
  }
  if (matches.length === 0) throw new Error(`no seed file in ${dir} contains ${JSON.stringify(needle)}`);
  if (matches.length > 1) {
    throw new Error(`several seed files contain ${JSON.stringify(needle)}: ${matches.map((m) => m.path).join(', ')}`);
  }
  return matches[0]!;
}

/**
 * The JSON object that follows `heading`: the first line after it that begins with `{`, up to its matching
 * `}`. (The first `{` after "Example Requests" belongs to the URL placeholder `{endpoint}`, so a bare
 * search for `{` would be wrong.)
 */
export function jsonObjectAfter(text: string, heading: string): unknown {
  const headingAt = text.indexOf(heading);
  if (headingAt === -1) throw new Error(`seed has no ${JSON.stringify(heading)}`);
  const lineStart = /^\{/m;
  const rest = text.slice(headingAt);
  const match = lineStart.exec(rest);
  if (!match) throw new Error(`no line beginning with "{" after ${JSON.stringify(heading)}`);
  const start = headingAt + match.index;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return JSON.parse(text.slice(start, i + 1));
    }
  }
  throw new Error(`unterminated JSON object after ${JSON.stringify(heading)}`);
}

const SECTION_END = /^(Table \d+\b|Request Parameters|Response Parameters|Status code:|Example Requests|Example Responses|Status Codes|Error Codes)/;

/**
 * Rows of a reference table whose cells are one paragraph each: the non-empty lines after `title` (e.g.
 * "Table 5 result") up to the next table or section, checked against `columns` as the header row.
 */
export function tableRows(text: string, title: string, columns: string[]): Record<string, string>[] {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.indexOf(title);
  if (start === -1) throw new Error(`seed has no table titled ${JSON.stringify(title)}`);
  const cells: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (SECTION_END.test(line)) break;
    if (line !== '') cells.push(line);
  }
  const header = cells.slice(0, columns.length);
  if (header.join('|') !== columns.join('|')) {
    throw new Error(`${title}: header is ${JSON.stringify(header)}, expected ${JSON.stringify(columns)}`);
  }
  const body = cells.slice(columns.length);
  if (body.length === 0 || body.length % columns.length !== 0) {
    throw new Error(`${title}: ${body.length} cells do not form rows of ${columns.length} (a multi-paragraph cell?)`);
  }
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < body.length; i += columns.length) {
    rows.push(Object.fromEntries(columns.map((c, j) => [c, body[i + j]!])));
  }
  return rows;
}

/** Method and path of the "URI" section, e.g. `POST /v5/{project_id}/...`. */
export function seedOperation(text: string): { method: string; path: string } {
  const match = /^URI\s*\n+\s*(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\s+(\/\S+)\s*$/m.exec(text);
  if (!match) throw new Error('seed has no "URI" section with a method and path');
  return { method: match[1]!.toLowerCase(), path: match[2]! };
}
