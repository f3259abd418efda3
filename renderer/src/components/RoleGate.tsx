import type { ReactNode } from 'react';
import { whoMay } from '../../../core/security/access.ts';
import { mayCall } from '../access.ts';

/**
 * Shows `children` only to a role the access matrix lets call `op` (the dispatcher reads the same
 * matrix, so a shown control never ends in "无权执行"). With `note`, a role that may not gets a
 * quiet line saying who does it instead: "确认由审核员办理".
 */
export function Can({ op, note, children }: { op: string; note?: string; children: ReactNode }) {
  if (mayCall(op)) return <>{children}</>;
  return note ? <RoleNote op={op} action={note} /> : null;
}

/** "<action>由<roles>办理", for an action that exists here but belongs to another role. */
export function RoleNote({ op, action }: { op: string; action: string }) {
  const who = whoMay(op);
  if (!who) return null;
  return (
    <span className="role-note" data-op={op}>
      {action}由{who}办理
    </span>
  );
}
