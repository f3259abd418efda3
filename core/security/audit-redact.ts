import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { maskIdNumber } from '../roster/id-number.ts';

// The audit log must say what changed without holding personal data (PIPL minimum necessary:
// the 审计员 reads it and must not see ID numbers or phones). Sensitive fields become a keyed
// digest: the same value gives the same digest within one installation, so "the phone changed"
// and "it changed back" stay visible, but the short value space of phones and ID numbers cannot
// be searched without the installation's digest key.

/** Field names whose values are replaced by a digest wherever they appear in before/after. */
export const SENSITIVE_FIELDS = new Set(['idNumber', 'phone', 'mobile', 'address', 'homeAddress', 'remarks', 'note', 'notes', 'statusReason', 'reportNotes']);

// Anything that looks like an ID number or a mobile number inside any other string (a search
// term, an error message) is replaced as well.
const ID_LIKE = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![0-9])/g;
const PHONE_LIKE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

const KEY_SETTING = 'audit.digestKey';

/** The installation's digest key, made on first use inside the caller's transaction. */
export function digestKey(sqlite: Database.Database): Buffer {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY_SETTING) as { value: string } | undefined;
  if (row) return Buffer.from(JSON.parse(row.value) as string, 'hex');
  const key = randomBytes(32);
  sqlite.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run(KEY_SETTING, JSON.stringify(key.toString('hex')));
  return key;
}

export const digestOf = (key: Buffer, value: string) => `摘要:${createHmac('sha256', key).update(value).digest('hex').slice(0, 12)}`;

function scrubText(key: Buffer, s: string): string {
  return s.replace(ID_LIKE, (m) => digestOf(key, m.toUpperCase())).replace(PHONE_LIKE, (m) => digestOf(key, m));
}

export function redact(key: Buffer, value: unknown, field?: string): unknown {
  if (value === null || value === undefined) return value;
  if (field && SENSITIVE_FIELDS.has(field)) return typeof value === 'string' && value === '' ? value : digestOf(key, String(value));
  if (typeof value === 'string') return scrubText(key, value);
  if (Array.isArray(value)) return value.map((v) => redact(key, v));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(key, v, k)]));
  return value;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * When a row has both a before and an after object, keep only the fields that changed (plus
 * nothing else): the log says what changed, not the whole record twice.
 */
export function changedOnly(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (!isPlain(before) || !isPlain(after)) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => k !== 'updatedAt' && k !== 'changeSeq' && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

/** Whom a row is about, named for people: a person by name and masked ID, an account by name. */
export function subjectOf(sqlite: Database.Database, entity: string | undefined, entityId: string | null | undefined, before: unknown, after: unknown): { subject: string | null; orgId: string | null } {
  const hinted = (isPlain(after) && typeof after.orgId === 'string' ? after.orgId : null) ?? (isPlain(before) && typeof before.orgId === 'string' ? before.orgId : null);
  if (entity === 'person' && entityId) {
    const p = sqlite.prepare('SELECT name, id_number AS idNumber, org_id AS orgId FROM people WHERE id = ?').get(entityId) as { name: string; idNumber: string | null; orgId: string } | undefined;
    if (p) return { subject: p.idNumber ? `${p.name}（${maskIdNumber(p.idNumber)}）` : p.name, orgId: p.orgId };
  }
  if (entity === 'user' && entityId) {
    const u = sqlite.prepare('SELECT display_name AS name, username FROM users WHERE id = ?').get(entityId) as { name: string; username: string } | undefined;
    if (u) return { subject: `${u.name}（${u.username}）`, orgId: hinted };
  }
  if (entity === 'org_unit' && entityId) {
    const o = sqlite.prepare('SELECT name FROM org_units WHERE id = ?').get(entityId) as { name: string } | undefined;
    if (o) return { subject: o.name, orgId: entityId };
  }
  return { subject: null, orgId: hinted };
}
