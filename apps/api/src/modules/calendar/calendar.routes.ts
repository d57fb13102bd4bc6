import {
  calendarDayBody,
  calendarDayParam,
  calendarDayView,
  calendarQuery,
  okBody,
  workingTimeQuery,
} from '@linli/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/access';
import { clearDay, deadlineAfter, listYear, setDay, workingTimeLeft } from './calendar.service';

const tags = ['calendar'];

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calendar',
    { schema: { tags, querystring: calendarQuery, response: { 200: z.array(calendarDayView) } } },
    (req) => listYear(req.ctx, req.query.year),
  );
  app.put(
    '/api/calendar/days/:day',
    { schema: { tags, params: calendarDayParam, body: calendarDayBody, response: { 200: calendarDayView } } },
    (req) => setDay(req.ctx, req.params.day, req.body),
  );
  app.delete(
    '/api/calendar/days/:day',
    { schema: { tags, params: calendarDayParam, response: { 200: okBody } } },
    async (req) => {
      await clearDay(req.ctx, req.params.day);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/calendar/working-time',
    {
      schema: {
        tags,
        querystring: workingTimeQuery,
        response: { 200: z.object({ due: z.string(), workingMsFromNow: z.number() }) },
      },
    },
    async (req) => {
      requireActor(req.ctx);
      const q = req.query;
      const due = await deadlineAfter(
        req.ctx.db,
        new Date(q.from),
        q.days !== undefined ? { days: q.days } : { hours: q.hours ?? 0 },
      );
      return { due: due.toISOString(), workingMsFromNow: await workingTimeLeft(req.ctx.db, new Date(), due) };
    },
  );
};
