/**
 * JSON Schemas written from the GeoReport v2 text (open311.github.io GeoReport/v2, "frozen and
 * finalized"), used by the contract suite to check our answers in JSON and, once parsed and
 * normalised, in XML. They state what the spec requires and no more, except that they refuse fields
 * the spec does not define (additionalProperties: false), so nothing of ours leaks into the public
 * answers unnoticed.
 */

/** "W3C format … the time zone is mandatory" (spec: Date and Time format). */
export const w3cDateTime = { type: 'string', format: 'date-time' } as const;

export const nonEmpty = { type: 'string', minLength: 1 } as const;
