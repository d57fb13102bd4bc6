import type { FastifyPluginAsync } from 'fastify';
import { open311Routes } from './open311.routes';

/** Open311 GeoReport v2 over the case engine: discovery, services, requests in JSON and XML. */
export const open311Module: FastifyPluginAsync = async (app) => {
  // Under its own prefix so that its 404s and errors are GeoReport error lists, not our API's.
  await app.register(open311Routes, { prefix: '/open311' });
};
