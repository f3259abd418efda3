import { whoMay } from '../../../../core/security/access.ts';

/**
 * What a 系统管理员 finds under 审计日志: not the log, but why not and who reads it (三员分立),
 * so the page they look for is not simply missing.
 */
export function AuditNotice() {
  return (
    <section className="page audit-notice">
      <h1>审计日志</h1>
      <p role="note">
        按“三员分立”要求，审计日志由<strong>{whoMay('audit.list')}</strong>查看、校验和导出。系统管理员负责账号、密钥和备份，正因为能管理账号，所以不能查看审计日志，以免自己审查自己。
      </p>
      <p>需要查阅时，请由审计员登录本机查看；如本单位还没有审计员账号，可在“设置 → 账号管理”中新建一个角色为“审计员”的账号，交由专人保管。</p>
    </section>
  );
}
