import {
  deathBody,
  floatingCreateBody,
  floatingDepartBody,
  floatingRegisterBody,
  householdChangeBody,
  idParam,
  moveBody,
  moveOutBody,
  pageOf,
  residentCreateBody,
  residentDetailView,
  residentEventView,
  residentSearchQuery,
  residentUpdateBody,
  residentView,
  revealBody,
  revealView,
  tagAddBody,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addTag,
  changeHousehold,
  departFloating,
  moveOut,
  moveResident,
  recordDeath,
  registerFloating,
  removeTag,
  residentHistory,
} from './life-events.service';
import { searchResidents } from './residents.search';
import { createResident, getResident, revealResidentField, updateResident } from './residents.service';

const tags = ['registry'];
const detail = { 200: residentDetailView };

export const residentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/registry/residents',
    {
      schema: {
        tags,
        querystring: residentSearchQuery,
        response: { 200: pageOf(residentView).extend({ total: z.number().nullable() }) },
      },
    },
    (req) => searchResidents(req.ctx, req.query),
  );
  app.post(
    '/api/registry/residents',
    { schema: { tags, body: residentCreateBody, response: detail } },
    (req) => createResident(req.ctx, req.body),
  );
  app.get('/api/registry/residents/:id', { schema: { tags, params: idParam, response: detail } }, (req) =>
    getResident(req.ctx, req.params.id),
  );
  app.patch(
    '/api/registry/residents/:id',
    { schema: { tags, params: idParam, body: residentUpdateBody, response: detail } },
    (req) => updateResident(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/residents/:id/reveal',
    { schema: { tags, params: idParam, body: revealBody, response: { 200: revealView } } },
    (req) => revealResidentField(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/registry/residents/:id/events',
    { schema: { tags, params: idParam, response: { 200: z.array(residentEventView) } } },
    (req) => residentHistory(req.ctx, req.params.id),
  );
  app.post(
    '/api/registry/residents/:id/tags',
    { schema: { tags, params: idParam, body: tagAddBody, response: detail } },
    (req) => addTag(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/registry/residents/:id/tags/:tagId',
    {
      schema: {
        tags,
        params: z.strictObject({
          id: z.coerce.number().int().positive(),
          tagId: z.coerce.number().int().positive(),
        }),
        response: detail,
      },
    },
    (req) => removeTag(req.ctx, req.params.id, req.params.tagId),
  );
  app.post(
    '/api/registry/residents/:id/move',
    { schema: { tags, params: idParam, body: moveBody, response: detail } },
    (req) => moveResident(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/residents/:id/move-out',
    { schema: { tags, params: idParam, body: moveOutBody, response: detail } },
    (req) => moveOut(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/residents/:id/death',
    { schema: { tags, params: idParam, body: deathBody, response: detail } },
    (req) => recordDeath(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/residents/:id/household',
    { schema: { tags, params: idParam, body: householdChangeBody, response: detail } },
    (req) => changeHousehold(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/floating',
    { schema: { tags, body: floatingRegisterBody, response: detail } },
    (req) =>
      createResident(
        req.ctx,
        { ...req.body.resident, residenceType: 'floating' },
        { floating: req.body.floating },
      ),
  );
  app.post(
    '/api/registry/residents/:id/floating',
    { schema: { tags, params: idParam, body: floatingCreateBody, response: detail } },
    (req) => registerFloating(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/registry/floating/:id/depart',
    { schema: { tags, params: idParam, body: floatingDepartBody, response: detail } },
    (req) => departFloating(req.ctx, req.params.id, req.body.departedOn),
  );
};
