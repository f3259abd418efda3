import { contract, isOpName } from '../contract/index.ts';
import { COLUMNS } from '../roster-io/columns.ts';
import { ROLE_LABEL } from './roles.ts';
import type { Role } from './roles.ts';
import { CHAIN_BREAK_OP } from './audit-chain.ts';
import { AREA_LABEL } from './audit-areas.ts';

// The audit log for people: each row as one Chinese sentence saying who did what to whom
// ("演示录入员 修改了 新城社区 张伟（6104**********1234） 的 联系电话、籍贯"), operation names
// from the contract's summaries, never operation codes or raw JSON.


const FIELD_LABEL: Record<string, string> = {
  ...Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])),
  idNumber: '身份证号', phone: '联系电话', status: '在岗状态', statusDate: '状态日期', statusReason: '状态原因', remarks: '备注',
  displayName: '姓名', role: '角色', orgScopeId: '管辖范围', disabled: '停用状态', name: '名称',
  username: '用户名', passwordChanged: '密码已修改', mustChangePassword: '须修改密码', lockMinutes: '自动锁定分钟数',
};

/** An operation's Chinese name: its contract summary without the explanation in brackets. */
export function operationLabel(op: string): string {
  if (op === CHAIN_BREAK_OP) return '审计链断开';
  if (!isOpName(op)) return AREA_LABEL[op.split('.')[0]!] ? `${AREA_LABEL[op.split('.')[0]!]}维护` : '系统维护';
  return contract[op].summary.replace(/（[^）]*）/g, '').split('：')[0]!.trim();
}

export interface SentenceRow {
  operation: string;
  actorName: string | null;
  actorRole: Role | null;
  outcome: string;
  subject: string | null;
  orgName: string | null;
  before: string | null;
  after: string | null;
}

const parse = (s: string | null): Record<string, unknown> | null => {
  try {
    const v = s ? (JSON.parse(s) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

export const fieldLabel = (k: string) => FIELD_LABEL[k] ?? null;

function who(r: SentenceRow): string {
  const name = r.actorName ?? '未知用户';
  const role = r.actorRole ? ROLE_LABEL[r.actorRole] : null;
  return role && !name.includes(role) ? `${role} ${name}` : name;
}

export function auditSentence(r: SentenceRow): string {
  const actor = who(r);
  const whom = [r.orgName, r.subject].filter(Boolean).join(' ');
  const after = parse(r.after);
  const verb = r.operation.split('.')[1] ?? '';
  let text: string;
  if (r.operation === CHAIN_BREAK_OP) {
    text = '系统 发现审计链断开：记账的最后一条与实际不符（可能有记录被删除或改动）';
  } else if (r.operation === 'roster.reveal' && whom) {
    text = `${actor} 查看了 ${whom} 的${fieldLabel(String(after?.revealed)) ?? '敏感信息'}`;
  } else if (verb === 'update' && whom && r.outcome === 'ok') {
    const fields = Object.keys(after ?? {}).map(fieldLabel).filter(Boolean);
    text = fields.length ? `${actor} 修改了 ${whom} 的 ${fields.join('、')}` : `${actor} 修改了 ${whom}（无实际变化）`;
  } else if (verb === 'create' && whom && r.outcome === 'ok') {
    text = `${actor} 新增了 ${whom}`;
  } else if (r.operation === 'roster.retire' && whom && r.outcome === 'ok') {
    text = `${actor} 为 ${whom} 办理了${typeof after?.status === 'string' ? after.status : '离岗'}`;
  } else {
    text = `${actor} ${operationLabel(r.operation)}${whom ? `：${whom}` : ''}`;
  }
  if (r.outcome === 'denied') text += '（被拒绝）';
  if (r.outcome === 'failed') text += `（未成功${typeof after?.reason === 'string' ? `：${after.reason}` : ''}）`;
  return text;
}

// One change's value as a clerk reads it: 是/否, 空, role names; a keyed digest (sensitive values)
// is never shown, only whether it changed; lists and records by their size.
function shown(k: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (k === 'role' && typeof v === 'string' && v in ROLE_LABEL) return ROLE_LABEL[v as Role];
  if (Array.isArray(v)) return `${v.length} 项`;
  if (typeof v === 'object') return '（记录）';
  return String(v);
}

const isDigest = (v: unknown) => typeof v === 'string' && v.startsWith('摘要:');

/**
 * The changed fields in Chinese: "联系电话：已更改；在岗状态：在岗 → 离任". Fields without a Chinese
 * name are counted ("另有 2 项"), never shown by their code; sensitive values only as 已更改.
 */
export function auditChanges(beforeText: string | null, afterText: string | null): string {
  const before = parse(beforeText) ?? {};
  const after = parse(afterText) ?? {};
  const parts: string[] = [];
  let unnamed = 0;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const label = fieldLabel(k);
    if (!label) {
      unnamed++;
      continue;
    }
    const [b, a] = [before[k], after[k]];
    if (isDigest(a) || isDigest(b)) parts.push(`${label}：${k in before ? '已更改' : '已填写'}（敏感值不显示）`);
    else if (k in before) parts.push(`${label}：${shown(k, b)} → ${shown(k, a)}`);
    else parts.push(`${label}：${shown(k, a)}`);
  }
  if (unnamed) parts.push(`另有 ${unnamed} 项${parts.length ? '' : '记录内容'}`);
  return parts.join('；');
}
