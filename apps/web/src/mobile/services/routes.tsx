import type { RouteObject } from 'react-router-dom';

/** This module's phone routes under /m (spread by app/router.tsx). */
export const servicesPhoneRoutes: RouteObject[] = [];
