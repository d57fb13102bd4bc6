import {
  coverageQuery,
  coverageView,
  demandBody,
  demandListQuery,
  demandView,
  hotlineFiguresQuery,
  hotlineFiguresView,
  idParam,
  providerBody,
  providerListQuery,
  providerMatch,
  providerMatchQuery,
  providerStatusBody,
  providerView,
  residentDemandBody,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileOwnDemand, listDemands, recordDemand } from './demands';
import { communityCoverage, hotlineFigures } from './figures';
import {
  createProvider,
  getProvider,
  listProviders,
  matchProviders,
  setProviderStatus,
  updateProvider,
} from './providers';

const tags = ['hotline'];

export const hotlineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/hotline/providers',
    { schema: { tags, querystring: providerListQuery, response: { 200: z.array(providerView) } } },
    (req) => listProviders(req.ctx, req.query),
  );
  // Registered before /:id so "match" is never read as an id.
  app.get(
    '/api/hotline/providers/match',
    { schema: { tags, querystring: providerMatchQuery, response: { 200: z.array(providerMatch) } } },
    (req) => matchProviders(req.ctx, req.query),
  );
  app.get(
    '/api/hotline/providers/:id',
    { schema: { tags, params: idParam, response: { 200: providerView } } },
    (req) => getProvider(req.ctx, req.params.id),
  );
  app.post(
    '/api/hotline/providers',
    { schema: { tags, body: providerBody, response: { 200: providerView } } },
    (req) => createProvider(req.ctx, req.body),
  );
  app.put(
    '/api/hotline/providers/:id',
    { schema: { tags, params: idParam, body: providerBody, response: { 200: providerView } } },
    (req) => updateProvider(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/hotline/providers/:id/status',
    { schema: { tags, params: idParam, body: providerStatusBody, response: { 200: providerView } } },
    (req) => setProviderStatus(req.ctx, req.params.id, req.body.status, req.body.reason),
  );
  app.get(
    '/api/hotline/demands',
    { schema: { tags, querystring: demandListQuery, response: { 200: z.array(demandView) } } },
    (req) => listDemands(req.ctx, req.query),
  );
  app.post(
    '/api/hotline/demands',
    { schema: { tags, body: demandBody, response: { 200: demandView } } },
    (req) => recordDemand(req.ctx, req.body),
  );
  app.post(
    '/api/hotline/my-demands',
    { schema: { tags, body: residentDemandBody, response: { 200: demandView } } },
    (req) => fileOwnDemand(req.ctx, req.body),
  );
  app.get(
    '/api/hotline/figures',
    { schema: { tags, querystring: hotlineFiguresQuery, response: { 200: hotlineFiguresView } } },
    (req) => hotlineFigures(req.ctx, req.query),
  );
  app.get(
    '/api/hotline/coverage',
    { schema: { tags, querystring: coverageQuery, response: { 200: coverageView } } },
    (req) => communityCoverage(req.ctx, req.query),
  );
};
