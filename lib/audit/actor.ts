// The audit actor of a signed-in caller.
import type { Caller } from '../auth/guard';
import type { AuditActor } from './record';

export function actorOf(caller: Caller): AuditActor {
  return { id: caller.operator.id, email: caller.operator.email, ip: caller.ip };
}
