// A logged-in client of the app under test: keep-alive HTTP/1.1 on one socket, one request at a time,
// with the session cookie and (on writes) the CSRF header a browser would send.
import http from 'node:http';
import { truncate } from './report';

export interface Response {
  status: number;
  body: string;
  /** Wall time from sending the request to the last byte of the body, in milliseconds. */
  ms: number;
}

export class HttpSession {
  cookie = '';
  csrfToken = '';
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly baseUrl: string) {}

  async login(login: string, password: string): Promise<void> {
    const res = await this.send('POST', '/api/auth/login', { login, password });
    if (res.status !== 200)
      throw new Error(`login as ${login}: HTTP ${res.status} ${truncate(res.body, 300)}`);
    const sid = res.cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('linli_sid='));
    if (!sid) throw new Error('login succeeded without a linli_sid cookie');
    this.cookie = sid;
    this.csrfToken = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
  }

  /** The headers of an authenticated write (for a load generator that sends its own requests). */
  writeHeaders(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' };
  }

  /** GET that must answer `expect` (default 200); the parsed body. */
  async json<T>(path: string, expect = 200): Promise<T> {
    return parse<T>('GET', path, await this.send('GET', path), expect);
  }

  /** POST that must answer `expect`; the parsed body. */
  async post<T>(path: string, body: unknown, expect: number): Promise<T> {
    return parse<T>('POST', path, await this.send('POST', path, body), expect);
  }

  timed(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body?: unknown) {
    return new Promise<Response & { cookies: string[] }>((resolve, reject) => {
      const headers: Record<string, string> = { cookie: this.cookie };
      const payload = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined) headers['content-type'] = 'application/json';
      if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
      const started = performance.now();
      const req = http.request(`${this.baseUrl}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
            cookies: res.headers['set-cookie'] ?? [],
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}

function parse<T>(method: string, path: string, res: Response, expect: number): T {
  if (res.status !== expect)
    throw new Error(`${method} ${path}: HTTP ${res.status} (want ${expect}) ${truncate(res.body, 300)}`);
  return JSON.parse(res.body) as T;
}
