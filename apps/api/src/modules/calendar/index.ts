import type { FastifyPluginAsync } from 'fastify';
import { calendarRoutes } from './calendar.routes';

export {
  cachedOverrides,
  deadlineAfter,
  loadOverrides,
  seedDefaultCalendar,
  workingTimeLeft,
} from './calendar.service';

/** The working-day calendar (holidays and adjusted working days) behind every time limit. */
export const calendarModule: FastifyPluginAsync = async (app) => {
  await app.register(calendarRoutes);
};
