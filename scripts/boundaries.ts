import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Module boundaries (DESIGN.md rule 1), checked on import specifiers:
 * - an API module imports another module only through its index, or its *.schema file (for foreign
 *   keys and read joins; writes go through the owning module's functions);
 * - core/ imports nothing from modules/ but schema files;
 * - the contract package imports nothing from the apps, and the web app nothing from the API.
 */
export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string);
}

/** `file` is repo-relative with forward slashes; `spec` the import specifier as written. */
export function checkImport(file: string, spec: string): string | null {
  if (file.startsWith('packages/contract/') && /apps\//.test(resolveSpec(file, spec)))
    return 'contract imports an app';
  if (file.startsWith('apps/web/') && /(^|\/)apps\/api\//.test(resolveSpec(file, spec)))
    return 'web imports the API';
  if (!file.startsWith('apps/api/src/') || !spec.startsWith('.')) return null;
  const target = resolveSpec(file, spec);
  const fromModule = /^apps\/api\/src\/modules\/([^/]+)\//.exec(file)?.[1];
  const toModule = /^apps\/api\/src\/modules\/([^/]+)(\/(.*))?$/.exec(target);
  if (!toModule) return null;
  const [, name, , rest] = toModule;
  if (fromModule === name) return null;
  const allowed = rest === undefined || rest === 'index' || /\.schema$/.test(rest ?? '');
  if (file.startsWith('apps/api/src/core/') && !/\.schema$/.test(rest ?? '')) return 'core imports a module';
  return allowed ? null : `reaches into module ${name} (use its index.ts)`;
}

function resolveSpec(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const parts = file.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/').replace(/\.(ts|tsx)$/, '');
}

export function scan(root: string, dirs: string[]): Violation[] {
  const out: Violation[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry)) {
        const file = relative(root, path).split('\\').join('/');
        for (const spec of importsOf(readFileSync(path, 'utf8'))) {
          const rule = checkImport(file, spec);
          if (rule) out.push({ file, specifier: spec, rule });
        }
      }
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}
