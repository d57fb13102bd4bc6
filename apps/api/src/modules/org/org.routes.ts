import {
  boundary,
  idParam,
  orgChildrenQuery,
  orgNodeCreateBody,
  orgNodeMoveBody,
  orgNodeRetireBody,
  orgNodeUpdateBody,
  orgNodeView,
  orgSearchQuery,
  pageOf,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  childrenOf,
  createNode,
  moveNode,
  nodeBoundary,
  nodeDetail,
  retireNode,
  scopeRoots,
  searchNodes,
  updateNode,
} from './org.service';

const tags = ['org'];
const one = { 200: orgNodeView };

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/org/roots', { schema: { tags, response: { 200: z.array(orgNodeView) } } }, (req) =>
    scopeRoots(req.ctx),
  );
  app.get(
    '/api/org/nodes',
    { schema: { tags, querystring: orgChildrenQuery, response: { 200: z.array(orgNodeView) } } },
    async (req) =>
      req.query.parentId
        ? childrenOf(req.ctx, req.query.parentId, req.query.includeRetired === 'true')
        : scopeRoots(req.ctx),
  );
  app.get(
    '/api/org/search',
    { schema: { tags, querystring: orgSearchQuery, response: { 200: pageOf(orgNodeView) } } },
    (req) => searchNodes(req.ctx, req.query),
  );
  app.get('/api/org/nodes/:id', { schema: { tags, params: idParam, response: one } }, (req) =>
    nodeDetail(req.ctx, req.params.id),
  );
  app.get(
    '/api/org/nodes/:id/boundary',
    { schema: { tags, params: idParam, response: { 200: boundary.nullable() } } },
    (req) => nodeBoundary(req.ctx, req.params.id),
  );
  app.post('/api/org/nodes', { schema: { tags, body: orgNodeCreateBody, response: one } }, (req) =>
    createNode(req.ctx, req.body),
  );
  app.patch(
    '/api/org/nodes/:id',
    { schema: { tags, params: idParam, body: orgNodeUpdateBody, response: one } },
    (req) => updateNode(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/org/nodes/:id/move',
    { schema: { tags, params: idParam, body: orgNodeMoveBody, response: one } },
    (req) => moveNode(req.ctx, req.params.id, req.body.parentId),
  );
  app.post(
    '/api/org/nodes/:id/retire',
    { schema: { tags, params: idParam, body: orgNodeRetireBody, response: one } },
    (req) => retireNode(req.ctx, req.params.id, req.body.reason),
  );
};
