import { nonEmpty } from './common';

/** GET services/{service_code}: the questions a client answers as attribute[CODE] (§GET Service Definition). */
export const serviceDefinitionSchema = {
  $id: 'open311/service_definition',
  type: 'object',
  required: ['service_code', 'attributes'],
  additionalProperties: false,
  properties: {
    service_code: nonEmpty,
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
        additionalProperties: false,
        properties: {
          /** false: shown to the user, not answered. */
          variable: { type: 'boolean' },
          code: nonEmpty,
          datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] },
          required: { type: 'boolean' },
          datatype_description: { type: 'string' },
          /** Unique per service, positive (checked by the suite: JSON Schema cannot say "unique by field"). */
          order: { type: 'integer', minimum: 1 },
          description: { type: 'string' },
          values: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'name'],
              additionalProperties: false,
              properties: { key: nonEmpty, name: nonEmpty },
            },
          },
        },
        // A list datatype needs its values to choose from.
        if: { properties: { datatype: { enum: ['singlevaluelist', 'multivaluelist'] } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
        then: { required: ['values'], properties: { values: { type: 'array', minItems: 1 } } },
      },
    },
  },
} as const;
