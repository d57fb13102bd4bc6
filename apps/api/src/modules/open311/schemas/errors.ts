import { nonEmpty } from './common';

/** Errors (§Errors): a non-empty list; code is the HTTP status or a more specific code of the server's. */
export const errorsSchema = {
  $id: 'open311/errors',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: {
      code: { type: ['integer', 'string'] },
      description: nonEmpty,
    },
  },
} as const;
