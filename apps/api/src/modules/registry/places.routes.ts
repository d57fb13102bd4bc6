import {
  buildingCreateBody,
  buildingView,
  correctionBody,
  correctionReviewBody,
  correctionView,
  houseCreateBody,
  householdCreateBody,
  householdView,
  houseView,
  idParam,
  pageOf,
  residentUnitBody,
  residentUnitView,
  residentView,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCorrections, myHousehold, requestCorrection, reviewCorrection } from './corrections.service';
import {
  createBuilding,
  createHouse,
  createHousehold,
  createUnit,
  expiringFloating,
  houseDetail,
  householdDetail,
  housesOf,
  listBuildings,
  listUnits,
} from './places.service';

const tags = ['registry'];
const nodeQuery = z.strictObject({ nodeId: z.coerce.number().int().positive().optional() });

export const placeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/registry/households',
    { schema: { tags, body: householdCreateBody, response: { 200: householdView } } },
    (req) => createHousehold(req.ctx, req.body),
  );
  app.get(
    '/api/registry/households/:id',
    { schema: { tags, params: idParam, response: { 200: householdView } } },
    (req) => householdDetail(req.ctx, req.params.id),
  );
  app.get(
    '/api/registry/buildings',
    { schema: { tags, querystring: nodeQuery, response: { 200: z.array(buildingView) } } },
    (req) => listBuildings(req.ctx, req.query.nodeId),
  );
  app.post(
    '/api/registry/buildings',
    { schema: { tags, body: buildingCreateBody, response: { 200: buildingView } } },
    (req) => createBuilding(req.ctx, req.body),
  );
  app.get(
    '/api/registry/buildings/:id/houses',
    { schema: { tags, params: idParam, response: { 200: z.array(houseView) } } },
    (req) => housesOf(req.ctx, req.params.id),
  );
  app.post(
    '/api/registry/houses',
    { schema: { tags, body: houseCreateBody, response: { 200: houseView } } },
    (req) => createHouse(req.ctx, req.body),
  );
  app.get(
    '/api/registry/houses/:id',
    {
      schema: {
        tags,
        params: idParam,
        response: { 200: z.object({ house: houseView, occupants: z.array(residentView) }) },
      },
    },
    (req) => houseDetail(req.ctx, req.params.id),
  );
  app.get(
    '/api/registry/units',
    {
      schema: {
        tags,
        querystring: z.strictObject({
          nodeId: z.coerce.number().int().positive().optional(),
          q: z.string().trim().max(64).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: pageOf(residentUnitView) },
      },
    },
    (req) => listUnits(req.ctx, req.query),
  );
  app.post(
    '/api/registry/units',
    { schema: { tags, body: residentUnitBody, response: { 200: residentUnitView } } },
    (req) => createUnit(req.ctx, req.body),
  );
  app.get(
    '/api/registry/floating/expiring',
    {
      schema: {
        tags,
        querystring: z.strictObject({ days: z.coerce.number().int().min(0).max(365).default(14) }),
        response: {
          200: z.array(
            z.object({
              registrationId: z.number(),
              residentId: z.number(),
              name: z.string(),
              expectedUntil: z.string(),
              gridName: z.string(),
            }),
          ),
        },
      },
    },
    (req) => expiringFloating(req.ctx, req.query.days),
  );
  app.get('/api/me/household', { schema: { tags, response: { 200: householdView } } }, (req) =>
    myHousehold(req.ctx),
  );
  app.post(
    '/api/me/corrections',
    { schema: { tags, body: correctionBody, response: { 200: correctionView } } },
    (req) => requestCorrection(req.ctx, req.body),
  );
  app.get(
    '/api/registry/corrections',
    {
      schema: {
        tags,
        querystring: z.strictObject({ status: z.enum(['open', 'accepted', 'rejected']).default('open') }),
        response: { 200: z.array(correctionView) },
      },
    },
    (req) => listCorrections(req.ctx, req.query.status),
  );
  app.post(
    '/api/registry/corrections/:id/review',
    { schema: { tags, params: idParam, body: correctionReviewBody, response: { 200: correctionView } } },
    (req) => reviewCorrection(req.ctx, req.params.id, req.body),
  );
};
