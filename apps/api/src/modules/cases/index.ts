import type { FastifyPluginAsync } from 'fastify';
import type { JobHandler } from '../jobs';
import { caseRoutes } from './cases.routes';
import { caseJobHandlers } from './deadlines';
import { photoSweepHandlers } from './photo-sweep';

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
export { schedulePhotoSweep } from './photo-sweep';
export { uploadPhoto as uploadCasePhoto } from './photos';
export { foldAll } from './stats';

/** The case engine (SPEC §3.3): grid events, complaints, disputes, petitions, emergency calls. */
export const casesModule: FastifyPluginAsync = async (app) => {
  await app.register(caseRoutes);
};

/** Background work of the case engine: the deadline sweep, the intake fold, the sweep of abandoned uploads. */
export function casesJobHandlers(dataDir: string): Record<string, JobHandler> {
  return { ...caseJobHandlers, ...photoSweepHandlers(dataDir) };
}
