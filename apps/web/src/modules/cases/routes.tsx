import type { RouteObject } from 'react-router-dom';

/** The case desk's routes under /desk (dispatch queue, map, case detail, department desk, indicators). */
export const caseDeskRoutes: RouteObject[] = [];
