import type { Lang } from '../../core/messages';
import { say } from './open311.messages';
import { CONTENT_TYPES, FORMATS } from './open311.render';

/** When this API last changed; clients compare it to decide whether to re-read the services. */
export const CHANGESET = '2026-11-22T00:00:00+08:00';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** Service discovery (spec: Service_Discovery): where the endpoint is, what it speaks, how to get a key. */
export function discovery(baseUrl: string, cityName: string, lang: Lang) {
  return {
    changeset: CHANGESET,
    contact: say(lang, 'contact', { city: cityName }),
    key_service: say(lang, 'key_service'),
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: FORMATS.map((f) => CONTENT_TYPES[f].split(';')[0]!),
      },
    ],
  };
}
