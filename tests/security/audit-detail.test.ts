import { describe, expect, it } from 'vitest';
import { auditChanges } from '../../core/security/audit-text.ts';

// The 审计日志's 变更明细 column: what changed, in words a 审计员 reads (issue 13 §4). Before this
// the page showed the stored JSON ({"role":"reviewer","passwordChanged":true}).
const row = (operation: string, entity: string | null, before: object | null, after: object | null) => ({
  operation, entity, before: before && JSON.stringify(before), after: after && JSON.stringify(after),
});

describe('audit change details', () => {
  it('names fields in Chinese, shows values plainly and hides sensitive ones behind 已更改', () => {
    const text = auditChanges(row('roster.update', 'person',
      { phone: '摘要:0a1b2c3d4e5f', status: '在岗', role: 'clerk', disabled: false },
      { phone: '摘要:ffeeddccbbaa', status: '离任', role: 'reviewer', disabled: true },
    ));
    expect(text).toBe('联系电话：已更改（敏感值不显示）；在岗状态：在岗 → 离任；角色：录入员 → 审核员；停用状态：否 → 是');
  });

  it('never shows a field code or a digest, and counts fields that have no Chinese name', () => {
    const text = auditChanges(row('users.update', 'user', null, { passwordChanged: true, idNumber: '摘要:abcdef123456', internalFlag: 'x', tags: ['a', 'b'] }));
    expect(text).toBe('密码已修改：是；身份证号：已填写（敏感值不显示）；另有 2 项');
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(auditChanges(row('users.update', 'user', null, null))).toBe('');
  });

  // Issue 18: the walk found a backup's file name, a report's code, a cycle's status and an id
  // fragment in the auditor's 变更明细.
  it('says backups by when they were made, reports by title, statuses and units in words, and hides ids', () => {
    const backup = auditChanges(row('backup.create', 'backup', null, {
      file: '/data/backups/jiceng-20261130-030458Z-2-manual.db', name: 'jiceng-20261130-030458Z-2-manual.db', size: 3 << 20, createdAt: '2026-11-30T03:04:58.000Z', kind: 'manual',
    }));
    const at = new Date('2026-11-30T03:04:58Z');
    expect(backup).toBe(`备份：2026年11月30日 ${String(at.getHours()).padStart(2, '0')}:04:58 手动备份；大小：3.0 MB`);
    expect(auditChanges(row('report.export', null, null, { name: 'composition', orgId: 'u1', asOf: '2026-06-30' }), { org: () => '商南县' }))
      .toBe('报表：社区工作者队伍结构统计表；单位：商南县；另有 1 项');
    expect(auditChanges(row('assessment.reopen', 'assessment_cycle', { status: 'locked' }, { status: 'open', reason: '分数录错' })))
      .toBe('状态：已锁定 → 未锁定；另有 1 项');
    expect(auditChanges(row('users.create', 'user', null, { orgScopeId: '3f2a9c1e-77ef-4d2a-9b1c-0a1b2c3d4e5f', name: 'x.db' }), { org: () => null }))
      .toBe('管辖范围：已填写；名称：已填写');
    expect(auditChanges(row('enroll.importProfile', 'bundle_peer', null, { role: 'county', status: 'pending' }))).toBe('角色：县（区）；状态：待处理');
    // Text people typed is theirs, Latin letters and all.
    expect(auditChanges(row('training.updateClass', 'training_class', { name: 'Excel 培训' }, { name: 'ABC' }))).toBe('名称：Excel 培训 → ABC');
  });
});
