import type { FastifyPluginAsync } from 'fastify';
import { registerProviderCheck } from '../cases';
import { hotlineRoutes } from './hotline.routes';
import { providerCheck } from './providers';

/**
 * The community service hotline (便民热线): vetted providers, matching within the 15-minute circle,
 * demands recorded by operators or filed by residents. The demand's life is the case engine's.
 */
export const hotlineModule: FastifyPluginAsync = async (app) => {
  registerProviderCheck(providerCheck);
  await app.register(hotlineRoutes);
};
