import { describe, expect, it } from 'vitest';
import { checkImport, importsOf } from './boundaries';

describe('module boundaries', () => {
  it('lets a module use another module through its index or its schema only', () => {
    const f = 'apps/api/src/modules/cases/cases.service.ts';
    expect(checkImport(f, '../org')).toBeNull();
    expect(checkImport(f, '../org/index')).toBeNull();
    expect(checkImport(f, '../org/org.schema')).toBeNull();
    expect(checkImport(f, './cases.policy')).toBeNull();
    expect(checkImport(f, '../org/org.service')).toMatch(/reaches into module org/);
  });

  it('keeps core free of modules, the contract free of apps, and the web free of the API', () => {
    expect(checkImport('apps/api/src/core/access.ts', '../modules/org/org.schema')).toBeNull();
    expect(checkImport('apps/api/src/core/access.ts', '../modules/org')).toBe('core imports a module');
    expect(checkImport('packages/contract/src/x.ts', '../../../apps/api/src/app')).toBe(
      'contract imports an app',
    );
    expect(checkImport('apps/web/src/app/api.ts', '../../../api/src/app')).toBe('web imports the API');
  });

  it('finds static, re-export and dynamic imports', () => {
    expect(
      importsOf("import { a } from './a';\nexport * from '../b';\nconst c = await import('./c');"),
    ).toEqual(['./a', '../b', './c']);
  });
});
