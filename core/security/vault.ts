import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  accountLabel, DEFAULT_POLICY, keyringPath, type KeyringAccount, newRecoveryKey, normalizeRecoveryKey, readKeyring, RECOVERY_LABEL, unwrapWith,
  wrapKey, wrapWith, writeKeyring, type Keyring, type PendingEvent, type SecurityPolicy,
} from './keyring.ts';
import { derive, type Derived } from './passwords.ts';
import { withFileLock } from './keyring-lock.ts';

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

  /**
   * Checks a password against the keyring, applying and persisting the lockout rule.
   *
   * An attempt is counted before the password is evaluated (under the keyring lock), so parallel
   * attempts from several windows or processes never get more than `maxFailures` evaluations.
   * Unknown usernames are answered exactly like wrong passwords: the same message, the same
   * key derivation, the same count and lockout, so usernames cannot be found by trying.
   */
  checkPassword(username: string, password: string, now: Date): LoginCheck {
    const at = now.toISOString();
    const reserved = this.update((k) => {
      const acct = k.accounts[username] ?? ghost(k, username);
      if (acct.lockedUntil && acct.lockedUntil > at) {
        k.pending = [...k.pending, { at, username, operation: 'auth.login', reason: '账号锁定期间尝试登录' }].slice(-1000);
        return { locked: acct.lockedUntil };
      }
      if (acct.lockedUntil) {
        acct.lockedUntil = null;
        acct.failures = 0;
      }
      // As many evaluations are already under way as the policy allows: lock instead of a further one.
      if (acct.failures >= k.policy.maxFailures) {
        acct.lockedUntil = new Date(now.getTime() + k.policy.lockMinutes * 60_000).toISOString();
        acct.failures = 0;
        return { locked: acct.lockedUntil };
      }
      acct.failures += 1;
      return { locked: null, salt: k.accounts[username]?.salt ?? null };
    });
    if (reserved.locked) return { ok: false, reason: lockedReason(reserved.locked), lockedUntil: reserved.locked };
    const d = derive(password, reserved.salt ?? DUMMY_SALT);
    const acct = this.keyring().accounts[username];
    const master = acct && reserved.salt ? unwrapWith(acct, d.wrapKey, accountLabel(username)) : null;
    return this.update((k) => {
      const a = k.accounts[username] ?? ghost(k, username);
      if (master) {
        a.failures = 0;
        a.lockedUntil = null;
        this.master = master;
        return { ok: true as const, master, verifier: d.verifier, salt: reserved.salt! };
      }
      k.pending = [...k.pending, { at, username, operation: 'auth.login', reason: k.accounts[username] ? '密码错误' : '用户名不存在' }].slice(-1000);
      const lockedMessage = `密码连续错误 ${k.policy.maxFailures} 次，账号已锁定 ${k.policy.lockMinutes} 分钟`;
      if (a.lockedUntil && a.lockedUntil > at) return { ok: false as const, reason: lockedMessage, lockedUntil: a.lockedUntil };
      if (a.failures >= k.policy.maxFailures) {
        a.lockedUntil = new Date(now.getTime() + k.policy.lockMinutes * 60_000).toISOString();
        a.failures = 0;
        return { ok: false as const, reason: lockedMessage, lockedUntil: a.lockedUntil };
      }
      return { ok: false as const, reason: `用户名或密码错误（还可尝试 ${Math.max(0, k.policy.maxFailures - a.failures)} 次）`, lockedUntil: null };
    });
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

  /** Keeps a security event for the audit log while the database cannot be opened. */
  note(e: PendingEvent): void {
    this.update((k) => {
      k.pending = [...k.pending, e].slice(-1000);
    });
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

  /** One locked read-modify-write of the keyring. */
  private update<T>(fn: (k: Keyring) => T): T {
    return withFileLock(keyringPath(this.dbFile), () => {
      const k = this.keyring();
      const out = fn(k);
      writeKeyring(this.dbFile, k);
      return out;
    });
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

// Unknown usernames get a salt-less derivation of the same cost and a counter of their own.
const DUMMY_SALT = Buffer.alloc(16, 0x5a).toString('base64');
const MAX_GHOSTS = 200;

function ghost(k: Keyring, username: string): KeyringAccount {
  const ghosts = (k.ghosts ??= {});
  if (!ghosts[username]) {
    const names = Object.keys(ghosts);
    if (names.length >= MAX_GHOSTS) delete ghosts[names[0]!];
    ghosts[username] = { failures: 0, lockedUntil: null };
  }
  return ghosts[username] as KeyringAccount;
}

const lockedReason = (until: string) => `账号因多次密码错误已锁定，请于 ${localTime(until)} 后再试`;

function localTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
