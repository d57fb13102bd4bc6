import {
  loginBody,
  meView,
  okBody,
  passwordChangeBody,
  totpEnableBody,
  totpSetupView,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword, enableTotp, login, logout, me, setupTotp } from './auth.service';
import { SESSION_COOKIE } from './sessions';

const pending = { allowPending: true };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: loginBody, response: { 200: meView } }, config: pending },
    async (req, reply) => {
      const { me: view, cookie } = await login(req.ctx, req.body, req.headers['user-agent']);
      reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.ctx.config.secureCookies,
        maxAge: Math.floor(req.ctx.config.session.absoluteMs / 1000),
      });
      return view;
    },
  );
  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meView } }, config: pending }, (req) =>
    me(req.ctx),
  );
  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 200: okBody } }, config: pending },
    async (req, reply) => {
      await logout(req.ctx, false);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/logout-all',
    { schema: { tags: ['auth'], response: { 200: okBody } }, config: pending },
    async (req, reply) => {
      await logout(req.ctx, true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], body: passwordChangeBody, response: { 200: okBody } }, config: pending },
    async (req) => {
      await changePassword(req.ctx, req.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/totp/setup',
    { schema: { tags: ['auth'], response: { 200: totpSetupView } }, config: pending },
    (req) => setupTotp(req.ctx),
  );
  app.post(
    '/api/auth/totp/enable',
    { schema: { tags: ['auth'], body: totpEnableBody, response: { 200: okBody } }, config: pending },
    async (req) => {
      await enableTotp(req.ctx, req.body.code);
      return { ok: true as const };
    },
  );
};
