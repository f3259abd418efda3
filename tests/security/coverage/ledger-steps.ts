import type { DataIds } from './data-steps.ts';
import type { Story } from './story.ts';

// 台账: lists, tasks and their reports, the order loop and a sealed quarterly report.

export async function ledgerSteps(st: Story, d: DataIds): Promise<void> {
  const png = Buffer.from('证据照片').toString('base64');
  const item = await st.step('ledger.items.create', { orgId: d.communityId, kind: '问题', title: '楼道照明损坏', category: '基础设施', deadline: '2099-12-31' }, st.clerk);
  await st.step('ledger.items.update', { id: item.id, title: '3号楼楼道照明损坏', category: '基础设施', progress: 40, attachments: [{ fileName: '现场.png', mime: 'image/png', dataBase64: png }] }, st.clerk);
  const fix = await st.step('ledger.items.rectify', { id: item.id, measures: '更换灯具', deadline: '2099-12-31' }, st.clerk);
  await st.step('ledger.items.close', { id: fix.id, note: '已更换' }, st.clerk);
  const task = await st.step('ledger.tasks.create', { orgId: d.streetId, title: '主题党日', category: '组织生活', deadline: '2099-12-31', targetOrgIds: [d.communityId] }, st.clerk);
  await st.step('ledger.tasks.report', { taskId: task.id, orgId: d.communityId, progress: 100, done: true, content: '已开展' }, st.clerk);
  const o = await st.step('ledger.orders.register', { orgId: d.communityId, source: '热线', title: '独居老人助餐', category: '为老服务' }, st.clerk);
  await st.step('ledger.orders.build', { id: o.id }, st.clerk);
  await st.step('ledger.orders.dispatch', { id: o.id, assigneeKind: '党员', assigneeId: d.personIds[0], dueDate: '2099-12-31' }, st.clerk);
  await st.step('ledger.orders.take', { id: o.id }, st.clerk);
  await st.step('ledger.orders.handle', { id: o.id, feedback: '已对接助餐点' }, st.clerk);
  await st.step('ledger.orders.rate', { id: o.id, rating: '满意' }, st.clerk);
  await st.step('ledger.orders.close', { id: o.id }, st.reviewer);
  const q = await st.step('ledger.quarters.create', { orgId: d.communityId, year: 2026, quarter: 1, summary: '一季度工作小结' }, st.clerk);
  await st.step('ledger.quarters.update', { id: q.id, summary: '一季度工作小结（修改）' }, st.clerk);
  await st.step('ledger.quarters.seal', { id: q.id }, st.reviewer);
}
