import type { RouteObject } from 'react-router-dom';

/** This module's desk routes under /desk (spread by app/router.tsx). */
export const hotlineDeskRoutes: RouteObject[] = [];
