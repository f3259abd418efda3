import { describe, expect, it } from 'vitest';
import { auditChanges } from '../../core/security/audit-text.ts';

// The 审计日志's 变更明细 column: what changed, in words a 审计员 reads (issue 13 §4). Before this
// the page showed the stored JSON ({"role":"reviewer","passwordChanged":true}).
describe('audit change details', () => {
  it('names fields in Chinese, shows values plainly and hides sensitive ones behind 已更改', () => {
    const text = auditChanges(
      JSON.stringify({ phone: '摘要:0a1b2c3d4e5f', status: '在岗', role: 'clerk', disabled: false }),
      JSON.stringify({ phone: '摘要:ffeeddccbbaa', status: '离任', role: 'reviewer', disabled: true }),
    );
    expect(text).toBe('联系电话：已更改（敏感值不显示）；在岗状态：在岗 → 离任；角色：录入员 → 审核员；停用状态：否 → 是');
  });

  it('never shows a field code or a digest, and counts fields that have no Chinese name', () => {
    const text = auditChanges(null, JSON.stringify({ passwordChanged: true, idNumber: '摘要:abcdef123456', internalFlag: 'x', tags: ['a', 'b'] }));
    expect(text).toBe('密码已修改：是；身份证号：已填写（敏感值不显示）；另有 2 项');
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(auditChanges(null, null)).toBe('');
  });
});
