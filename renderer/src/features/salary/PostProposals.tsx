import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { Can } from '../../components/RoleGate.tsx';

type Proposal = OpOutput<'salary.postProposals'>[number];
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));

/** Roster post changes the pay post has not followed: shown, and applied only when a user accepts one. */
export function PostProposals({ orgId }: { orgId: string }) {
  const [rows, setRows] = useState<Proposal[]>([]);
  const [dates, setDates] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await call('salary.postProposals', { orgId }));
      setError(null);
    } catch (e) {
      setError(message(e));
    }
  }, [orgId]);
  useEffect(() => void load(), [load]);

  const accept = async (p: Proposal) => {
    const effectiveDate = dates[p.personId] ?? p.effectiveDate;
    try {
      await call('salary.setLevel', { personId: p.personId, post: p.toPost, level: p.toLevel, effectiveDate, reason: '岗位变动', note: p.explanation });
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  if (!rows.length && !error) return null;
  return (
    <section className="post-proposals" aria-label="岗位变动建议">
      <div className="panel-title">岗位变动建议（{rows.length}）：花名册岗位类别已变，薪酬岗位尚未跟随</div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <table className="plain">
        <thead><tr><th>姓名</th><th>单位</th><th>现岗位</th><th>建议岗位</th><th>生效日期</th><th>说明</th><th /></tr></thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.personId}>
              <td>{p.name}</td><td>{p.orgName}</td><td>{p.fromPost} {p.fromLevel} 级</td><td>{p.toPost} {p.toLevel} 级</td>
              <td><input type="date" aria-label={`${p.name}岗位变动生效日期`} value={dates[p.personId] ?? p.effectiveDate} onChange={(e) => setDates({ ...dates, [p.personId]: e.target.value })} /></td>
              <td>{p.explanation}</td>
              <td><Can op="salary.setLevel" note="办理岗位变动"><button type="button" onClick={() => void accept(p)}>按建议办理</button></Can></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
