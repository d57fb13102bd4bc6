import { nonEmpty } from './common';

/** GET services: a list of service types (GeoReport v2 §GET Service List). */
export const serviceSchema = {
  type: 'object',
  required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  additionalProperties: false,
  properties: {
    service_code: nonEmpty,
    service_name: nonEmpty,
    description: { type: 'string' },
    /** true: the service has a definition to read with GET services/{code}. */
    metadata: { type: 'boolean' },
    /** realtime: POST answers with a service_request_id at once. */
    type: { enum: ['realtime', 'batch', 'blackbox'] },
    /** A comma-separated list. */
    keywords: { type: 'string' },
    group: { type: 'string' },
  },
} as const;

export const servicesSchema = {
  $id: 'open311/services',
  type: 'array',
  items: serviceSchema,
} as const;
