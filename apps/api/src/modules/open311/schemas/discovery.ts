import { nonEmpty, w3cDateTime } from './common';

/** Service discovery (Service_Discovery.md): every field is required; XML must be offered. */
export const discoverySchema = {
  $id: 'open311/discovery',
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  additionalProperties: false,
  properties: {
    changeset: w3cDateTime,
    contact: nonEmpty,
    key_service: nonEmpty,
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        additionalProperties: false,
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: w3cDateTime,
          type: { enum: ['production', 'test'] },
          formats: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: ['text/xml', 'application/json', 'text/html'] },
            contains: { const: 'text/xml' },
          },
        },
      },
    },
  },
} as const;
