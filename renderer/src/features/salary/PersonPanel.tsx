import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { LEVEL_REASONS, type LevelReason } from '../../../../core/salary/scheme-schema.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { CorrectGrading } from './CorrectGrading.tsx';
import { LevelBonus } from './LevelBonus.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { useDirty } from '../../components/useDirty.ts';

type Person = OpOutput<'roster.list'>['rows'][number];
type Preview = OpOutput<'salary.gradingPreview'>;
type Entry = OpOutput<'salary.history'>[number];

const NO_ADJUSTMENT = { post: '', level: '', effectiveDate: '', reason: '人工调整' as LevelReason, note: '' };
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));

/** One person's initial grading (with its step-by-step explanation) and level history. */
export function PersonPanel({ orgId }: { orgId: string }) {
  const [people, setPeople] = useState<Person[]>([]);
  const [personId, setPersonId] = useState<string | null>(null);
  // The 定级日期 starts empty and takes the server's default (first of the month or the
  // scheme's start), never today: a person graded today drops off this month's sheet.
  const [date, setDate] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [history, setHistory] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [defaultDate, setDefaultDate] = useState('');
  // The 调整薪级 form belongs to the selected person: it is asked about before another person
  // is chosen, and emptied then, so a typed adjustment can never be appended to someone else.
  const [adj, setAdj] = useState(NO_ADJUSTMENT);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    call('salary.gradingDefaults', {}).then((d) => {
      setDate((cur) => cur || d.effectiveDate);
      setDefaultDate(d.effectiveDate);
      setAdj((cur) => (cur.effectiveDate ? cur : { ...cur, effectiveDate: d.effectiveDate }));
    }).catch((e) => setError(message(e)));
  }, []);
  useEffect(() => {
    call('roster.list', { orgId, status: '在岗' }).then((r) => setPeople(r.rows)).catch((e) => setError(errorText(e)));
  }, [orgId]);

  const load = useCallback(async () => {
    if (!personId) return;
    try {
      setHistory(await call('salary.history', { personId }));
      setPreview(null);
      if (!date) return;
      setPreview(await call('salary.gradingPreview', { personId, effectiveDate: date }));
      setError(null);
    } catch (e) {
      setError(message(e));
    }
  }, [personId, date]);
  useEffect(() => void load(), [load]);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  // Like `run`, but hands the result back (null on error) so the form can show what was applied.
  const applyBonus = async (personId: string, v: { reason: string; effectiveDate: string }) => {
    try {
      const r = await call('salary.applyLevelBonus', { personId, ...v });
      setError(null);
      await load();
      return r;
    } catch (e) {
      setError(message(e));
      return null;
    }
  };

  const person = people.find((p) => p.id === personId);
  const appendAdjustment = async (): Promise<boolean> => {
    // The person may have left the list (another unit, a reload): the adjustment still names them.
    if (!personId) {
      setError('请先选择人员');
      return false;
    }
    try {
      await call('salary.setLevel', {
        personId, post: adj.post || (history.at(-1)?.post ?? preview?.post ?? ''), level: Number(adj.level),
        effectiveDate: adj.effectiveDate, reason: adj.reason, note: adj.note,
      });
      setAdj(blankAdj);
      setSaved('已追加调整记录');
      await load();
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    }
  };
  // The date starts on the server's default, so only a different date counts as typed.
  const blankAdj = { ...NO_ADJUSTMENT, effectiveDate: defaultDate };
  const adjDirty = !!(adj.post || adj.level || adj.note || (adj.effectiveDate && adj.effectiveDate !== defaultDate));
  const { leave } = useDirty(adjDirty, { label: `${person?.name ?? ''}的薪级调整（未追加）`, save: appendAdjustment, discard: () => setAdj(blankAdj) });
  const choose = async (id: string) => {
    if (id === personId || !(await leave())) return;
    setAdj(blankAdj);
    setSaved(null);
    setPersonId(id);
  };
  const edit = (next: typeof adj) => {
    setAdj(next);
    setSaved(null);
  };
  return (
    <div className="salary-split">
      <aside className="salary-list">
        <div className="panel-title">人员（{people.length}）</div>
        <ul>
          {people.map((p) => (
            <li key={p.id}>
              <button type="button" className={p.id === personId ? 'item on' : 'item'} onClick={() => void choose(p.id)}>
                <span>{p.name}</span>
                <span className="muted small-text">{p.orgName} · {p.postCategory}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="salary-main">
        {error && <div className="form-banner" role="alert">{error}</div>}
        {!person && <div className="empty-guide"><p>选择左侧人员，查看初次定级测算与薪级记录。</p></div>}
        {person && (
          <>
            <div className="salary-form">
              <strong>{person.name}</strong>
              <span className="muted small-text">社区工作起始 {person.communityWorkStartDate ?? '未填'} · 全日制 {person.ftEducation ?? '—'} · 在职 {person.ptEducation ?? '—'} · 社工资格 {person.swQualification ?? '无'}</span>
              <label>定级日期<input type="date" aria-label="定级日期" value={date} onChange={(e) => setDate(e.target.value)} /></label>
            </div>
            {preview && (
              <div className="grading-preview">
                <div>初次定级测算（{preview.schemeName}）：<strong>{preview.post} {preview.level} 级</strong></div>
                <ol className="steps">{preview.steps.map((s, i) => <li key={i}>{s.text}</li>)}</ol>
                <Can op="salary.gradeInitial" note="定级">
                  <button type="button" className="primary" disabled={history.length > 0}
                    onClick={() => void run(() => call('salary.gradeInitial', { personId: person.id, effectiveDate: date }))}>
                    {history.length ? '已定级' : '按测算办理初次定级'}
                  </button>
                </Can>
              </div>
            )}
            <h2>薪级记录（只追加，不覆盖）</h2>
            <table className="plain salary-history">
              <thead><tr><th>生效日期</th><th>岗位</th><th>级别</th><th>原因</th><th>审批人</th><th>备注</th><th>方案</th></tr></thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}><td>{h.effectiveDate}</td><td>{h.post}</td><td>{h.level}</td><td>{h.reason}</td><td>{h.approver}</td><td>{h.note}</td><td>{h.schemeName}</td></tr>
                ))}
                {!history.length && <tr><td colSpan={7} className="muted">尚无记录</td></tr>}
              </tbody>
            </table>
            {history.length === 1 && history[0]!.reason === '初次定级' && (
              <Can op="salary.correctGrading"><CorrectGrading key={history[0]!.id} entry={history[0]!} onSubmit={(v) => void run(() => call('salary.correctGrading', { id: history[0]!.id, ...v }))} /></Can>
            )}
            {history.length > 0 && (
              <Can op="salary.applyLevelBonus" note="一次性加级">
                <LevelBonus key={person.id} personId={person.id} defaultDate={defaultDate} apply={(v) => applyBonus(person.id, v)} />
              </Can>
            )}
            <Can op="salary.setLevel" note="调整薪级">
            <div className="salary-form">
              <label>岗位<input type="text" aria-label="调整岗位" value={adj.post} placeholder={history.at(-1)?.post ?? preview?.post} onChange={(e) => edit({ ...adj, post: e.target.value })} /></label>
              <label>级别<input type="number" aria-label="调整级别" value={adj.level} onChange={(e) => edit({ ...adj, level: e.target.value })} /></label>
              <label>生效日期<input type="date" value={adj.effectiveDate} onChange={(e) => edit({ ...adj, effectiveDate: e.target.value })} /></label>
              <label>原因<select value={adj.reason} onChange={(e) => edit({ ...adj, reason: e.target.value as LevelReason })}>
                {LEVEL_REASONS.filter((r) => r !== '初次定级').map((r) => <option key={r}>{r}</option>)}
              </select></label>
              <label>备注<input type="text" aria-label="调整备注" value={adj.note} onChange={(e) => edit({ ...adj, note: e.target.value })} /></label>
              <button type="button" onClick={() => void appendAdjustment()}>追加调整记录</button>
              {saved && <span className="muted small-text" role="status">{saved}</span>}
            </div>
            </Can>
          </>
        )}
      </div>
    </div>
  );
}
