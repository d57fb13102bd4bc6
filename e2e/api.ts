import { BASE_URL, DEMO_PASSWORD } from './browser';

/** A minimal API client for journeys that need facts (ids, names) the screens should not reveal. */
export async function apiLogin(login: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie =
    (res.headers.getSetCookie().find((c) => c.startsWith('linli_sid=')) ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { csrfToken: string; roles: { orgNodeId: number; orgNodeName: string }[] };
  return {
    me,
    async get<T>(path: string): Promise<T> {
      const r = await fetch(`${BASE_URL}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
      return (await r.json()) as T;
    },
    async post<T>(path: string, body: unknown = {}): Promise<T> {
      const r = await fetch(`${BASE_URL}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
