import type { Story } from './story.ts';

// Accounts, settings, backups and the audit export: admin work with the key services the
// secured runtime provides, plus the calls every session may make (password, logout).

export async function securitySteps(st: Story): Promise<void> {
  const first = 'Chushi-Mima-2026!';
  const user = await st.step('users.create', { username: 'lurukuai', displayName: '录入快', role: 'clerk', initialPassword: first }, st.admin);
  await st.step('users.update', { id: user.id, displayName: '录入员甲', role: 'clerk', orgScopeId: null, disabled: false }, st.admin);
  const reset = 'Chongshe-Mima-2026!';
  await st.step('users.resetPassword', { id: user.id, newPassword: reset }, st.admin);
  const s = (await st.get('auth.login', { username: 'lurukuai', password: reset }, null)).sessionId as string;
  await st.step('auth.changePassword', { oldPassword: reset, newPassword: 'Xinde-Mima-2026!' }, s);
  await st.step('settings.updateSecurity', { maxFailures: 5, lockMinutes: 20, idleMinutes: 10 }, st.admin);
  await st.step('backup.create', {}, st.admin);
  const exported = await st.step('audit.export', {}, st.auditor);
  if (!(exported.rows > 0)) throw new Error('audit.export wrote no rows');
  await st.step('auth.logout', {}, s);
}
