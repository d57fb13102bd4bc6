import type { FastifyPluginAsync } from 'fastify';
import type { EncryptedColumn } from '../../core/pii';
import { placeRoutes } from './places.routes';
import { residents, residentTags, residentUnits } from './registry.schema';
import { residentRoutes } from './residents.routes';

export { prepareIdentity } from './resident-input';
export { residentsForExport, searchResidents } from './residents.search';
export { createResident, duplicateIssue, tsvectorOf } from './residents.service';

/** People, households, houses and resident units (SPEC §3.2). */
export const registryModule: FastifyPluginAsync = async (app) => {
  await app.register(residentRoutes);
  await app.register(placeRoutes);
};

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
];
