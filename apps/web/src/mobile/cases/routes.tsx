import type { RouteObject } from 'react-router-dom';

/** The case screens under /m (grid worker: report, my tasks; resident: report, follow, rate). */
export const casePhoneRoutes: RouteObject[] = [];
