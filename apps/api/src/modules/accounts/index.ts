import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config';
import type { ActorResolver } from '../../core/http';
import type { EncryptedColumn } from '../../core/pii';
import type { Db } from '../../db/client';
import { accountRoutes } from './accounts.routes';
import { accounts } from './accounts.schema';
import { authRoutes } from './auth.routes';
import { actorFromSession, actorFromToken } from './sessions';

export { hashPassword } from './password';
/** The session cookie's name; an API token's actor (Open311 takes its api_key from the form body). */
export { actorFromToken, SESSION_COOKIE } from './sessions';

/** Accounts, sign-in, sessions, API tokens and role policies. */
export const accountsModule: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(accountRoutes);
};

/** Turns a session cookie or an API token into an actor for the request context. */
export function actorResolver(db: Db, config: Config): ActorResolver {
  return {
    fromSession: (cookie) => actorFromSession(db, config, cookie),
    fromToken: (token) => actorFromToken(db, config, token),
  };
}

/** The personal data this module keeps encrypted (for key rotation). */
export const ACCOUNT_ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: accounts, id: accounts.id, key: 'mobileEnc', column: accounts.mobileEnc },
  { table: accounts, id: accounts.id, key: 'totpSecretEnc', column: accounts.totpSecretEnc },
];
