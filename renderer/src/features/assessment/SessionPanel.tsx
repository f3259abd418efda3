import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { SessionRecord } from '../../../../core/assessment/contract.ts';
import type { SessionRow, SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import { call, errorText } from '../../api/client.ts';
import { countChanges, useDirty, useSavedNote } from '../../components/useDirty.ts';
import { mayCall } from '../../access.ts';
import { Can } from '../../components/RoleGate.tsx';
import { TallyGrid, type TallyDrafts } from './TallyGrid.tsx';

interface Props {
  summary: SheetSummary;
  onSaved: () => Promise<void>;
}

/**
 * 民主测评 of one cycle: the session list and header come from the summary (sessions without
 * their tallies), the per-person tallies block by block from assessment.sessionPage (issue 19).
 */
export function SessionPanel({ summary, onSaved }: Props) {
  return <SessionForm key={summary.cycle.id} summary={summary} onSaved={onSaved} />;
}

type Form = Omit<SessionRecord, 'id' | 'cycleId' | 'tallies'> & { id: string | null };

const blank = (year: number): Form => ({
  id: null, date: `${year}-12-20`, raterGroup: '党员和居民代表', issued: 0, returned: 0, valid: 0, invalid: 0,
  counter: '', supervisor: '', announced: true,
});

/** 民主测评: ballot counts and per-person tallies; every limit is checked again in core. */
function SessionForm({ summary, onSaved }: Props) {
  // Locked, or a role that cannot save: nothing here is editable (edits would not count as unsaved work either).
  const locked = summary.cycle.status === 'locked' || !mayCall('assessment.saveSession');
  const options = summary.scheme.config.voteOptions.map((o) => o.label);
  // `base` is the header as last loaded or saved: the difference, plus the typed tallies, is what leaving would lose.
  const [base, setBase] = useState<Form>(() => blank(summary.cycle.year));
  const [form, setFormRaw] = useState<Form>(base);
  // Typed tallies by entryId (the person's whole counts for this session), kept across blocks and sorts.
  const drafts = useRef<TallyDrafts>(new Map());
  const [draftRows, setDraftRows] = useState(0);
  const gridApi = useRef<GridApi<SessionRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, markSaved, clearSaved] = useSavedNote();
  const setForm = (f: Form) => {
    clearSaved();
    setFormRaw(f);
  };
  const clearDrafts = () => {
    drafts.current.clear();
    setDraftRows(0);
  };
  const load = (f: Form) => {
    clearSaved();
    setBase(f);
    setFormRaw(f);
  };
  // Every new summary of this cycle (a save here, scores elsewhere) may change the rates: re-read the blocks.
  const shownSummary = useRef(summary);
  useEffect(() => {
    if (shownSummary.current === summary) return;
    shownSummary.current = summary;
    gridApi.current?.refreshInfiniteCache();
  }, [summary]);
  const changes = locked ? 0 : countChanges(base, form) + draftRows;
  const num = (k: 'issued' | 'returned' | 'valid' | 'invalid') => (
    <label>
      {{ issued: '发出', returned: '收回', valid: '有效', invalid: '无效' }[k]}票
      <input type="number" min={0} value={form[k]} disabled={locked} onChange={(e) => setForm({ ...form, [k]: Number(e.target.value) })} />
    </label>
  );
  const save = async (): Promise<boolean> => {
    // What is sent now; a count typed while the call runs stays as a draft.
    const sent = [...drafts.current].map(([entryId, counts]) => ({ entryId, counts }));
    try {
      const { id, ...rest } = form;
      // An existing session: only the typed people's counts change, the stored others stay.
      const record = await call('assessment.saveSession', {
        ...rest, ...(id ? { id, talliesMode: 'merge' as const } : {}), cycleId: summary.cycle.id, tallies: sent,
      });
      setError(null);
      for (const t of sent) if (drafts.current.get(t.entryId) === t.counts) drafts.current.delete(t.entryId);
      setDraftRows(drafts.current.size);
      // The saved session stays on screen, selected, with 已保存 beside the button.
      const { cycleId: _c, tallies: _t, ...kept } = record;
      load(kept);
      markSaved();
      // A new session's id gives the grid a new source; an existing one re-reads its blocks.
      if (id) gridApi.current?.purgeInfiniteCache();
      await onSaved();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const discard = () => {
    setFormRaw(base);
    clearDrafts();
    gridApi.current?.refreshCells({ force: true });
  };
  const { leave } = useDirty(changes, { label: `民主测评：${changes} 处修改`, save, discard });
  const open = (f: Form) =>
    void leave().then((ok) => {
      if (!ok) return;
      clearDrafts();
      load(f);
    });

  return (
    <div className="session-panel">
      <div className="session-list">
        {summary.sessions.map((s) => (
          <button key={s.id} type="button" className={form.id === s.id ? 'cycle on' : 'cycle'} onClick={() => open({ ...s, id: s.id })}>
            {s.date} · {s.raterGroup} · 有效 {s.valid} 票
          </button>
        ))}
        {!locked && <Can op="assessment.saveSession"><button type="button" className="link" onClick={() => open(blank(summary.cycle.year))}>＋ 新建测评场次</button></Can>}
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
      <TallyGrid
        cycleId={summary.cycle.id} sessionId={form.id} options={options} valid={form.valid} readOnly={locked}
        drafts={drafts} onDraft={() => (clearSaved(), setDraftRows(drafts.current.size))} apiRef={gridApi}
      />
    </div>
  );
}
