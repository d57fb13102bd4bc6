import type { FastifyPluginAsync } from 'fastify';
import { billsRoutes } from './bills.routes';
import { fakeProviderRoutes } from './fake-provider';
import { providerOf } from './payments/provider';

/**
 * Bills for utilities and community fees (issue 5 §10): import per household, the resident's list,
 * online payment through a provider adapter, window payment with a printed receipt.
 */
export const billsModule: FastifyPluginAsync = async (app) => {
  await app.register(billsRoutes);
  // The test provider exists only where it is the configured one (demo and tests).
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      if (providerOf(req.ctx.config)?.name !== 'fake') return reply.callNotFound();
    });
    await scope.register(fakeProviderRoutes);
  });
};
