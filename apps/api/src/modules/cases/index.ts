import type { FastifyPluginAsync } from 'fastify';
import type { JobHandler } from '../jobs';
import { caseRoutes } from './cases.routes';
import { caseJobHandlers } from './deadlines';

export { listCases } from './case-list';
export {
  actOnCase,
  type DemandInput,
  type FollowUpInput,
  getCase,
  locateGrid,
  openDemand,
  openFollowUpCase,
  type ProviderCheck,
  registerProviderCheck,
  reportCase,
} from './cases.service';
export { seedDefaultCategories } from './categories';
export { scheduleSweep, sweepDeadlines } from './deadlines';
export { uploadPhoto as uploadCasePhoto } from './photos';
export { foldAll } from './stats';

/** The case engine (SPEC §3.3): grid events, complaints, disputes, petitions, emergency calls. */
export const casesModule: FastifyPluginAsync = async (app) => {
  await app.register(caseRoutes);
};

/** Background work of the case engine: the deadline sweep and the intake fold. */
export function casesJobHandlers(): Record<string, JobHandler> {
  return caseJobHandlers;
}
