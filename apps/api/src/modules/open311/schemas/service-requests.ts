import { nonEmpty, w3cDateTime } from './common';

/**
 * GET requests and GET requests/{id} (§GET Service Requests): a list of requests; the single form
 * is still a list. status is only open or closed; the starred fields of the spec "may not be
 * returned" and the others may be empty, so only the four the spec cannot do without are required.
 */
export const serviceRequestSchema = {
  type: 'object',
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  additionalProperties: false,
  properties: {
    service_request_id: nonEmpty,
    status: { enum: ['open', 'closed'] },
    status_notes: { type: 'string' },
    service_name: { type: 'string' },
    service_code: nonEmpty,
    description: { type: 'string', maxLength: 4000 },
    agency_responsible: { type: 'string' },
    service_notice: { type: 'string' },
    requested_datetime: w3cDateTime,
    updated_datetime: w3cDateTime,
    expected_datetime: w3cDateTime,
    address: { type: 'string' },
    address_id: { type: 'string' },
    zipcode: { type: 'string' },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    media_url: { type: 'string', format: 'uri' },
  },
} as const;

export const serviceRequestsSchema = {
  $id: 'open311/service_requests',
  type: 'array',
  items: serviceRequestSchema,
} as const;
