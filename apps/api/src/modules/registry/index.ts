import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config';
import type { EncryptedColumn, Pii } from '../../core/pii';
import type { JobHandler } from '../jobs';
import { exportRoutes } from './export/export.routes';
import { importRoutes } from './import/import.routes';
import { registryImports } from './import/import.schema';
import { importJobHandlers } from './import/import.service';
import { placeRoutes } from './places.routes';
import { residents, residentTags, residentUnits } from './registry.schema';
import { residentRoutes } from './residents.routes';

export { prepareIdentity, tagIndexKey } from './resident-input';
export { residentsForExport, searchResidents } from './residents.search';
export { createResident, duplicateIssue, tsvectorOf } from './residents.service';

/** People, households, houses and resident units (SPEC §3.2). */
export const registryModule: FastifyPluginAsync = async (app) => {
  await app.register(residentRoutes);
  await app.register(placeRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
};

/** Background work of the registry: validation and commit of large imports. */
export function registryJobHandlers(pii: Pii, config: Config): Record<string, JobHandler> {
  return importJobHandlers(pii, config);
}

/** The personal data this module keeps encrypted (for key rotation). */
export const REGISTRY_ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: residents, id: residents.id, key: 'idNumberEnc', column: residents.idNumberEnc },
  { table: residents, id: residents.id, key: 'phoneEnc', column: residents.phoneEnc },
  { table: residentTags, id: residentTags.id, key: 'tagEnc', column: residentTags.tagEnc },
  { table: residentTags, id: residentTags.id, key: 'detailEnc', column: residentTags.detailEnc },
  {
    table: residentUnits,
    id: residentUnits.id,
    key: 'contactPhoneEnc',
    column: residentUnits.contactPhoneEnc,
  },
  { table: registryImports, id: registryImports.id, key: 'fileKeyEnc', column: registryImports.fileKeyEnc },
  { table: registryImports, id: registryImports.id, key: 'previewEnc', column: registryImports.previewEnc },
];
