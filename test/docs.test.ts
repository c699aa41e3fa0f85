/**
 * The docs stand alone in a clone: every Markdown file of the repository (and the headers of its scripts)
 * names only paths inside it. A relative link must resolve to a file or folder of the repository, a path
 * in backticks that starts with one of the repository's top-level folders must exist, and nothing may
 * point above the repository root (the development machine's `../shared/...` was such a path).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const skipped = new Set(['node_modules', 'dist', '.git', '.tap', 'coverage', 'scratch']);

function filesUnder(folder: string, keep: (name: string) => boolean): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) || entry.name === '__pycache__' ? [] : filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

const documents = filesUnder(root, (name) => name.endsWith('.md'));
const scripts = filesUnder(join(root, 'scripts'), (name) => /\.(sh|py|ts)$/.test(name));
const topLevel = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !skipped.has(entry.name) && !entry.name.startsWith('.'))
  .map((entry) => entry.name);

/** Paths outside any repository: the development machine's folders. */
const OUTSIDE = /(?:^|[\s`'"(])(?:\.\.\/shared\b|\/work\/|shared\/tools\/)/m;

/** `[text](target)` links that are not URLs or anchors, with the target's #fragment dropped. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => decodeURIComponent(target.split('#')[0] ?? ''));
}

/** Code spans that are a path from the repository root or the document's folder: `scripts/x.sh`, `src/index.ts`. */
function repositoryPaths(text: string, folder: string): string[] {
  const local = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1] ?? '')
    .filter((span) => [...topLevel, ...local].some((top) => span.startsWith(`${top}/`)))
    .map((span) => span.replace(/[.,:;]+$/, ''))
    .filter((span) => !/[*{}<>$]/.test(span)); // globs and placeholders name no one file
}

/** Whether `span` names a file or folder from the root or from `folder`; an ESM import's `.js` may be a `.ts` source. */
function exists(span: string, folder: string): boolean {
  const spellings = span.endsWith('.js') ? [span, span.replace(/\.js$/, '.ts')] : [span];
  return [root, folder].some((base) =>
    spellings.some((spelling) => {
      const path = join(base, spelling);
      return existsSync(path) && (!span.endsWith('/') || statSync(path).isDirectory());
    }),
  );
}

t.ok(documents.length >= 8, `${documents.length} Markdown files`);

for (const file of [...documents, ...scripts]) {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  t.test(name, async (t) => {
    t.notOk(OUTSIDE.exec(text)?.[0], 'names no path outside the repository');
    if (!file.endsWith('.md')) return;
    for (const target of relativeLinks(text)) {
      const path = resolve(dirname(file), target);
      t.ok(path.startsWith(root) && existsSync(path), `link ${target} is in the repository`);
    }
    for (const span of repositoryPaths(text, dirname(file))) {
      t.ok(exists(span, dirname(file)), `\`${span}\` exists`);
    }
  });
}
