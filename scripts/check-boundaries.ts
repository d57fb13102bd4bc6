import { fileURLToPath } from 'node:url';
import { scan } from './boundaries';

const root = fileURLToPath(new URL('..', import.meta.url));
const violations = scan(root, ['packages/contract/src', 'apps/api/src', 'apps/web/src']);
for (const v of violations) console.error(`${v.file}: imports '${v.specifier}': ${v.rule}`);
if (violations.length) {
  console.error(`\n${violations.length} module-boundary violation(s).`);
  process.exit(1);
}
console.log('module boundaries: ok');
