import { nonEmpty } from './common';

/**
 * POST requests (§POST Service Request): a list holding the new request, which carries a
 * service_request_id (realtime services) or a token (batch services), never both.
 */
export const postResponseSchema = {
  $id: 'open311/post_response',
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      service_request_id: nonEmpty,
      token: nonEmpty,
      service_notice: { type: 'string' },
      account_id: { type: 'string' },
    },
    oneOf: [
      { required: ['service_request_id'], not: { required: ['token'] } },
      { required: ['token'], not: { required: ['service_request_id'] } },
    ],
  },
} as const;
