import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  accountLabel, DEFAULT_POLICY, newRecoveryKey, normalizeRecoveryKey, readKeyring, RECOVERY_LABEL, unwrapWith,
  wrapKey, wrapWith, writeKeyring, type Keyring, type PendingEvent, type SecurityPolicy,
} from './keyring.ts';
import { derive, type Derived } from './passwords.ts';

export type LoginCheck =
  | { ok: true; master: Buffer; verifier: Buffer; salt: string }
  | { ok: false; reason: string; lockedUntil: string | null };

/**
 * The keys of one database file: the keyring beside it, and the master key once someone has
 * logged in. Everything here works before the encrypted database can be opened.
 */
export class Vault {
  private master: Buffer | null = null;
  readonly dbFile: string;
  constructor(dbFile: string) {
    this.dbFile = dbFile;
  }

  isSetUp(): boolean {
    return existsSync(this.dbFile) && readKeyring(this.dbFile) !== null;
  }

  masterKey(): Buffer {
    if (!this.master) throw new Error('vault is locked');
    return this.master;
  }

  policy(): SecurityPolicy {
    return readKeyring(this.dbFile)?.policy ?? DEFAULT_POLICY;
  }

  /** First run: a fresh master key, the administrator's wrap and the recovery wrap. */
  create(adminUsername: string, salt: string, derived: Derived): { master: Buffer; recoveryKey: string; keyring: Keyring } {
    const master = randomBytes(32);
    const recoveryKey = newRecoveryKey();
    const keyring: Keyring = {
      format: 1,
      policy: DEFAULT_POLICY,
      accounts: { [adminUsername]: { salt, wrapped: wrapWith(master, derived.wrapKey, accountLabel(adminUsername)), failures: 0, lockedUntil: null } },
      recovery: wrapKey(master, recoveryKey, RECOVERY_LABEL),
      pending: [],
    };
    this.master = master;
    return { master, recoveryKey, keyring };
  }

  saveNew(keyring: Keyring): void {
    writeKeyring(this.dbFile, keyring);
  }

  /** Checks a password against the keyring, applying and persisting the lockout rule. */
  checkPassword(username: string, password: string, now: Date): LoginCheck {
    const k = this.keyring();
    const acct = k.accounts[username];
    if (!acct) {
      this.recordPending(k, { at: now.toISOString(), username, operation: 'auth.login', reason: '用户名不存在' });
      return { ok: false, reason: '用户名或密码错误', lockedUntil: null };
    }
    if (acct.lockedUntil && acct.lockedUntil > now.toISOString()) {
      this.recordPending(k, { at: now.toISOString(), username, operation: 'auth.login', reason: '账号锁定期间尝试登录' });
      return { ok: false, reason: `账号因多次密码错误已锁定，请于 ${localTime(acct.lockedUntil)} 后再试`, lockedUntil: acct.lockedUntil };
    }
    const d = derive(password, acct.salt);
    const master = unwrapWith(acct, d.wrapKey, accountLabel(username));
    if (!master) {
      acct.failures += 1;
      let reason = `用户名或密码错误（还可尝试 ${Math.max(0, k.policy.maxFailures - acct.failures)} 次）`;
      if (acct.failures >= k.policy.maxFailures) {
        acct.lockedUntil = new Date(now.getTime() + k.policy.lockMinutes * 60_000).toISOString();
        acct.failures = 0;
        reason = `密码连续错误 ${k.policy.maxFailures} 次，账号已锁定 ${k.policy.lockMinutes} 分钟`;
      }
      this.recordPending(k, { at: now.toISOString(), username, operation: 'auth.login', reason: '密码错误' });
      return { ok: false, reason, lockedUntil: acct.lockedUntil };
    }
    if (acct.failures || acct.lockedUntil) {
      acct.failures = 0;
      acct.lockedUntil = null;
      writeKeyring(this.dbFile, k);
    }
    this.master = master;
    return { ok: true, master, verifier: d.verifier, salt: acct.salt };
  }

  /** Opens the master key with the printed recovery key. */
  checkRecoveryKey(recoveryKey: string, now: Date): Buffer | null {
    const k = this.keyring();
    const master = unwrapWith(k.recovery, derive(normalizeRecoveryKey(recoveryKey), k.recovery.salt).wrapKey, RECOVERY_LABEL);
    if (!master) this.recordPending(k, { at: now.toISOString(), username: '(恢复密钥)', operation: 'auth.recover', reason: '恢复密钥错误' });
    else this.master = master;
    return master;
  }

  /** Wraps the master key for an account's (new) password, derived with `salt`. */
  setAccountPassword(username: string, salt: string, derived: Derived): void {
    const k = this.keyring();
    k.accounts[username] = { salt, wrapped: wrapWith(this.masterKey(), derived.wrapKey, accountLabel(username)), failures: 0, lockedUntil: null };
    writeKeyring(this.dbFile, k);
  }

  removeAccount(username: string): void {
    const k = this.keyring();
    delete k.accounts[username];
    writeKeyring(this.dbFile, k);
  }

  setPolicy(policy: SecurityPolicy): void {
    const k = this.keyring();
    k.policy = policy;
    writeKeyring(this.dbFile, k);
  }

  /** Failed attempts made while the database was closed, handed over once to the audit log. */
  takePending(): PendingEvent[] {
    const k = readKeyring(this.dbFile);
    if (!k || !k.pending.length) return [];
    const events = k.pending;
    k.pending = [];
    writeKeyring(this.dbFile, k);
    return events;
  }

  private keyring(): Keyring {
    const k = readKeyring(this.dbFile);
    if (!k) throw new Error('keyring missing');
    return k;
  }

  private recordPending(k: Keyring, e: PendingEvent): void {
    k.pending = [...k.pending, e].slice(-1000);
    writeKeyring(this.dbFile, k);
  }
}

function localTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
