import { useCallback, useEffect, useState } from 'react';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { SeriesRecord, SessionRecord } from '../../../../core/training/contract.ts';
import { TRAINING_LEVELS } from '../../../../core/training/codes.ts';
import { call, errorText } from '../../api/client.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { AttendeesPanel } from './AttendeesPanel.tsx';
import type { Scope } from './TrainingPage.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { mayCall } from '../../access.ts';

const COLUMNS: ColDef<SessionRecord>[] = [
  { field: 'phase', headerName: '期次', width: 70, valueFormatter: (p) => `第${p.value}期` },
  { field: 'topic', headerName: '主题', width: 240 },
  { field: 'speakerName', headerName: '主讲人', width: 100 },
  { field: 'date', headerName: '日期', width: 110 },
  { field: 'hours', headerName: '学时', width: 70 },
  { field: 'location', headerName: '地点', width: 120 },
  { field: 'enrolled', headerName: '报名', width: 70 },
  { field: 'present', headerName: '出席', width: 70 },
];

const NO_SESSION = { topic: '', speakerName: '', date: '', hours: '2', location: '' };

export function SeriesTab({ scope }: { scope: Scope }) {
  const [series, setSeries] = useState<SeriesRecord[]>([]);
  const [seriesId, setSeriesId] = useState('');
  const [sessions, setSessions] = useState<SessionRecord[]>([]);
  const [session, setSession] = useState<SessionRecord | null>(null);
  const [newSeries, setNewSeries] = useState({ name: '书记讲堂', level: '街道' });
  const [draft, setDraft] = useState(NO_SESSION);
  // After a 登记 the date, hours and place stay for the next 期次; only what differs from that
  // start is typed work, asked about before a tab, page or series change.
  const [start, setStart] = useState(NO_SESSION);
  const [error, setError] = useState<string | null>(null);
  const changes = countChanges(start, draft);
  useDirty(changes, { label: `讲堂期次“${draft.topic || '未命名'}”（未登记）`, save: () => createSession(), discard: () => setDraft(start) });

  const loadSeries = useCallback(async () => {
    try {
      const r = await call('training.series.list', { orgId: scope.orgId });
      setSeries(r.rows);
      setSeriesId((cur) => cur || (r.rows[0]?.id ?? ''));
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.orgId]);
  useEffect(() => void loadSeries(), [loadSeries]);

  const loadSessions = useCallback(async () => {
    if (!seriesId) return setSessions([]);
    try {
      setSessions((await call('training.series.get', { id: seriesId })).sessions);
    } catch (e) {
      setError(errorText(e));
    }
  }, [seriesId]);
  useEffect(() => void loadSessions(), [loadSessions]);

  const run = async (work: () => Promise<void>): Promise<boolean> => {
    try {
      setError(null);
      await work();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };

  const createSeries = () =>
    run(async () => {
      const s = await call('training.series.create', { orgId: scope.orgId, name: newSeries.name, level: newSeries.level as (typeof TRAINING_LEVELS)[number] });
      setSeriesId(s.id);
      await loadSeries();
    });

  const createSession = () =>
    run(async () => {
      await call('training.sessions.create', { seriesId, topic: draft.topic, speakerName: draft.speakerName, date: draft.date, hours: Number(draft.hours), location: draft.location });
      const next = { ...NO_SESSION, date: draft.date, hours: draft.hours, location: draft.location };
      setDraft(next);
      setStart(next);
      await loadSessions();
    });

  const text = (k: keyof typeof draft, label: string, type = 'text') => (
    <label className="inline-label">
      {label}
      <input type={type} aria-label={label} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </label>
  );

  return (
    <div className="split">
      <div className="pane">
        <div className="toolbar">
          <label className="inline-label">
            讲堂系列
            <select aria-label="讲堂系列" value={seriesId} onChange={(e) => { setSeriesId(e.target.value); setSession(null); }}>
              {series.map((s) => <option key={s.id} value={s.id}>{s.name}（{s.level}，{s.sessionCount} 期）</option>)}
            </select>
          </label>
          <span className="spacer" />
          <Can op="training.series.create" note="系列登记">
          <input aria-label="新系列名称" value={newSeries.name} onChange={(e) => setNewSeries({ ...newSeries, name: e.target.value })} />
          <select aria-label="新系列层级" value={newSeries.level} onChange={(e) => setNewSeries({ ...newSeries, level: e.target.value })}>
            {TRAINING_LEVELS.map((l) => <option key={l}>{l}</option>)}
          </select>
          <button type="button" onClick={() => void createSeries()}>新建系列</button>
          </Can>
        </div>
        {seriesId && mayCall('training.sessions.create') && (
          <div className="toolbar">
            {text('topic', '主题')}
            {text('speakerName', '主讲人')}
            {text('date', '日期', 'date')}
            {text('hours', '学时')}
            {text('location', '地点')}
            <button type="button" className="primary" onClick={() => void createSession()}>新增一期</button>
          </div>
        )}
        {error && <div className="form-banner" role="alert">{error}</div>}
        <div className="grid-host">
          <AgGridReact<SessionRecord>
            theme={gridTheme}
            localeText={GRID_LOCALE}
            rowData={sessions}
            columnDefs={COLUMNS}
            defaultColDef={{ sortable: true, resizable: true }}
            getRowId={getRowId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate="<span>还没有讲堂期次</span>"
            onSelectionChanged={(e) => setSession(e.api.getSelectedRows()[0] ?? null)}
          />
        </div>
      </div>
      {session && (
        <div className="pane">
          <AttendeesPanel key={session.id} target={{ sessionId: session.id }} title={`${session.title}（${session.date}，${session.hours} 学时）`} scope={scope} onChanged={() => void loadSessions()} />
        </div>
      )}
    </div>
  );
}
