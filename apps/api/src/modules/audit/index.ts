import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.routes';

export {
  type AuditActor,
  type AuditInput,
  auditAppendCtes,
  recordAudit,
  verifyAuditChain,
} from './audit.service';
export { type RevealRequest, revealField } from './reveal';

/** The hash-chained audit log: its screen, export and verification. */
export const auditModule: FastifyPluginAsync = async (app) => {
  await app.register(auditRoutes);
};
