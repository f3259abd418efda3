import { useEffect, useState } from 'react';
import type { SessionRecord, Sheet } from '../../../../core/assessment/contract.ts';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import { call, errorText } from '../../api/client.ts';
import { countChanges, useDirty, useSavedNote } from '../../components/useDirty.ts';
import { mayCall } from '../../access.ts';
import { Can } from '../../components/RoleGate.tsx';

interface Props {
  sheet: Sheet;
  onSaved: () => Promise<void>;
}

/**
 * The tally table still lists every person, so this tab reads the whole sheet (with each
 * session's tallies) itself, again after every new summary; paging it is not done yet (issue 19).
 */
export function SessionPanel({ summary, onSaved }: { summary: SheetSummary; onSaved: () => Promise<void> }) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('assessment.sheet', { cycleId: summary.cycle.id }).then(
      (s) => live && (setSheet(s), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [summary]);
  if (error) return <div className="form-banner" role="alert">{error}</div>;
  if (!sheet || sheet.cycle.id !== summary.cycle.id) return <p className="muted">正在读取……</p>;
  return <SessionForm key={sheet.cycle.id} sheet={sheet} onSaved={onSaved} />;
}

type Form = Omit<SessionRecord, 'id' | 'cycleId'> & { id: string | null };

const blank = (year: number): Form => ({
  id: null, date: `${year}-12-20`, raterGroup: '党员和居民代表', issued: 0, returned: 0, valid: 0, invalid: 0,
  counter: '', supervisor: '', announced: true, tallies: {},
});

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** 民主测评: ballot counts and per-person tallies; every limit is checked again in core. */
function SessionForm({ sheet, onSaved }: Props) {
  // Locked, or a role that cannot save: nothing here is editable (edits would not count as unsaved work either).
  const locked = sheet.cycle.status === 'locked' || !mayCall('assessment.saveSession');
  const options = sheet.scheme.config.voteOptions.map((o) => o.label);
  // `base` is the form as last loaded or saved: the difference is what leaving would lose.
  const [base, setBase] = useState<Form>(() => blank(sheet.cycle.year));
  const [form, setFormRaw] = useState<Form>(base);
  const [error, setError] = useState<string | null>(null);
  const [saved, markSaved, clearSaved] = useSavedNote();
  const setForm = (f: Form) => {
    clearSaved();
    setFormRaw(f);
  };
  const load = (f: Form) => {
    clearSaved();
    setBase(f);
    setFormRaw(f);
  };
  const changes = locked ? 0 : countChanges(base, form);
  const num = (k: 'issued' | 'returned' | 'valid' | 'invalid') => (
    <label>
      {{ issued: '发出', returned: '收回', valid: '有效', invalid: '无效' }[k]}票
      <input type="number" min={0} value={form[k]} disabled={locked} onChange={(e) => setForm({ ...form, [k]: Number(e.target.value) })} />
    </label>
  );
  const setTally = (entryId: string, option: string, v: string) => {
    const counts = { ...(form.tallies[entryId] ?? {}) };
    if (v === '') delete counts[option];
    else counts[option] = Number(v);
    setForm({ ...form, tallies: { ...form.tallies, [entryId]: counts } });
  };
  const save = async (): Promise<boolean> => {
    try {
      const { id, tallies, ...rest } = form;
      const record = await call('assessment.saveSession', {
        ...rest, ...(id ? { id } : {}), cycleId: sheet.cycle.id,
        tallies: Object.entries(tallies).filter(([, c]) => Object.keys(c).length).map(([entryId, counts]) => ({ entryId, counts })),
      });
      setError(null);
      // The saved session stays on screen, selected, with 已保存 beside the button.
      const { cycleId: _c, ...kept } = record;
      load(kept);
      markSaved();
      await onSaved();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const { leave } = useDirty(changes, { label: `民主测评：${changes} 处修改`, save, discard: () => setFormRaw(base) });
  const open = (f: Form) => void leave().then((ok) => ok && load(f));

  return (
    <div className="session-panel">
      <div className="session-list">
        {sheet.sessions.map((s) => (
          <button key={s.id} type="button" className={form.id === s.id ? 'cycle on' : 'cycle'} onClick={() => open({ ...s, id: s.id })}>
            {s.date} · {s.raterGroup} · 有效 {s.valid} 票
          </button>
        ))}
        {!locked && <Can op="assessment.saveSession"><button type="button" className="link" onClick={() => open(blank(sheet.cycle.year))}>＋ 新建测评场次</button></Can>}
      </div>
      <div className="session-form">
        <label>测评日期<input type="date" value={form.date} disabled={locked} onChange={(e) => setForm({ ...form, date: e.target.value })} /></label>
        <label>参评人员类别<input value={form.raterGroup} disabled={locked} onChange={(e) => setForm({ ...form, raterGroup: e.target.value })} /></label>
        {num('issued')}{num('returned')}{num('valid')}{num('invalid')}
        <label>计票人<input value={form.counter ?? ''} disabled={locked} onChange={(e) => setForm({ ...form, counter: e.target.value })} /></label>
        <label>监票人<input value={form.supervisor ?? ''} disabled={locked} onChange={(e) => setForm({ ...form, supervisor: e.target.value })} /></label>
        <label className="inline"><input type="checkbox" checked={form.announced} disabled={locked} onChange={(e) => setForm({ ...form, announced: e.target.checked })} />当场公布</label>
        <Can op="assessment.saveSession" note="测评录入">
          <button type="button" className="primary" disabled={locked} onClick={() => void save()}>保存本场测评</button>
        </Can>
        {saved && <span className="saved-note" role="status">{saved}</span>}
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="table-scroll">
        <table className="plain tally-table">
          <thead>
            <tr>
              <th>姓名</th>
              {options.map((o) => <th key={o}>{o}（票）</th>)}
              <th>合计</th>
              {options.map((o) => <th key={`r${o}`}>{o}率（全部场次）</th>)}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((r) => {
              const counts = form.tallies[r.entryId] ?? {};
              const sum = Object.values(counts).reduce((a, b) => a + b, 0);
              return (
                <tr key={r.entryId} className={sum > form.valid ? 'over' : undefined}>
                  <td>{r.name}</td>
                  {options.map((o) => (
                    <td key={o}>
                      <input aria-label={`${r.name}${o}票数`} type="number" min={0} value={counts[o] ?? ''} disabled={locked} onChange={(e) => setTally(r.entryId, o, e.target.value)} />
                    </td>
                  ))}
                  <td>{sum}</td>
                  {options.map((o) => <td key={`r${o}`}>{pct(r.rates[o])}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
