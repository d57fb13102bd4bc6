import {
  accountCreateBody,
  accountListQuery,
  accountUpdateBody,
  accountView,
  apiTokenCreateBody,
  apiTokenView,
  idParam,
  okBody,
  pageOf,
  revealBody,
  revealView,
  roleGrantBody,
  rolePolicyBody,
  rolePolicyView,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createAccount,
  getAccount,
  grantRole,
  listAccounts,
  logoutAccountEverywhere,
  patchAccount,
  resetPassword,
  resetTotp,
  revealAccountField,
  revokeRole,
  unlockAccount,
} from './accounts.service';
import { createToken, listRolePolicies, listTokens, revokeToken, setRolePolicy } from './tokens.service';

const tags = ['accounts'];
const view = { 200: accountView };

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/accounts',
    { schema: { tags, querystring: accountListQuery, response: { 200: pageOf(accountView) } } },
    (req) => listAccounts(req.ctx, req.query),
  );
  app.get('/api/admin/accounts/:id', { schema: { tags, params: idParam, response: view } }, (req) =>
    getAccount(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/accounts',
    {
      schema: {
        tags,
        body: accountCreateBody,
        response: { 200: z.object({ account: accountView, initialPassword: z.string().nullable() }) },
      },
    },
    (req) => createAccount(req.ctx, req.body),
  );
  app.patch(
    '/api/admin/accounts/:id',
    { schema: { tags, params: idParam, body: accountUpdateBody, response: view } },
    (req) => patchAccount(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/admin/accounts/:id/roles',
    { schema: { tags, params: idParam, body: roleGrantBody, response: view } },
    (req) => grantRole(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/admin/accounts/:id/roles/:assignmentId',
    {
      schema: {
        tags,
        params: z.strictObject({
          id: z.coerce.number().int().positive(),
          assignmentId: z.coerce.number().int().positive(),
        }),
        response: view,
      },
    },
    (req) => revokeRole(req.ctx, req.params.id, req.params.assignmentId),
  );
  app.post('/api/admin/accounts/:id/unlock', { schema: { tags, params: idParam, response: view } }, (req) =>
    unlockAccount(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/totp-reset',
    { schema: { tags, params: idParam, response: view } },
    (req) => resetTotp(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/logout-all',
    { schema: { tags, params: idParam, response: view } },
    (req) => logoutAccountEverywhere(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/reset-password',
    { schema: { tags, params: idParam, response: { 200: z.object({ initialPassword: z.string() }) } } },
    (req) => resetPassword(req.ctx, req.params.id),
  );
  app.get(
    '/api/admin/accounts/:id/tokens',
    { schema: { tags, params: idParam, response: { 200: z.array(apiTokenView) } } },
    (req) => listTokens(req.ctx, req.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/tokens',
    {
      schema: {
        tags,
        params: idParam,
        body: apiTokenCreateBody,
        response: { 200: z.object({ token: apiTokenView, secret: z.string() }) },
      },
    },
    (req) => createToken(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/admin/tokens/:id',
    { schema: { tags, params: idParam, response: { 200: okBody } } },
    async (req) => {
      await revokeToken(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/accounts/:id/reveal',
    { schema: { tags, params: idParam, body: revealBody, response: { 200: revealView } } },
    (req) => revealAccountField(req.ctx, req.params.id, req.body),
  );
  app.get('/api/admin/roles', { schema: { tags, response: { 200: z.array(rolePolicyView) } } }, (req) =>
    listRolePolicies(req.ctx),
  );
  app.put(
    '/api/admin/roles/:role/policy',
    {
      schema: {
        tags,
        params: z.strictObject({ role: z.string().max(32) }),
        body: rolePolicyBody,
        response: { 200: rolePolicyView },
      },
    },
    (req) => setRolePolicy(req.ctx, req.params.role, req.body.totpRequired),
  );
};
