import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call, errorText } from '../../api/client.ts';

type History = OpOutput<'training.personHistory'>;

/** A person's training file, laid out for printing (window.print with the print stylesheet). */
export function PersonHistoryView({ personId, onBack }: { personId: string; onBack: () => void }) {
  const [h, setH] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void call('training.personHistory', { personId }).then(setH, (e: unknown) => setError(errorText(e))), [personId]);

  return (
    <section className="page training history-page">
      <div className="toolbar no-print">
        <button type="button" onClick={onBack}>← 返回</button>
        <button type="button" className="primary" disabled={!h} onClick={() => window.print()}>打印</button>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {h && (
        <article className="history-sheet print-doc" aria-label="个人培训档案">
          <h1>个人培训档案</h1>
          <div className="history-meta">
            <span>姓名：{h.person.name}</span>
            <span>所属组织：{h.person.orgName}</span>
            <span>职务：{h.person.posts.join('、') || '—'}</span>
            <span>岗位类别：{h.person.postCategory}</span>
            <span>身份证号：{h.person.idNumberMasked ?? '—'}</span>
            <span>状态：{h.person.status}</span>
          </div>
          <h2>各年度学时</h2>
          <table>
            <thead>
              <tr><th>年度</th><th>学时</th><th>天数</th><th>年度要求</th><th>达标</th><th>差额</th></tr>
            </thead>
            <tbody>
              {h.years.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td><td>{y.hours}</td><td>{y.days}</td><td>{y.requirement ?? '无要求'}</td>
                  <td>{y.met === null ? '—' : y.met ? '达标' : '未达标'}</td><td>{y.shortfall}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>培训记录（{h.records.length} 条）</h2>
          <table>
            <thead>
              <tr><th>起止日期</th><th>班次 / 讲堂</th><th>类别</th><th>层级</th><th>主办单位</th><th>出勤</th><th>学时</th><th>天数</th><th>考核结果</th><th>证书编号</th></tr>
            </thead>
            <tbody>
              {h.records.map((r) => (
                <tr key={r.attendanceId}>
                  <td>{r.startDate === r.endDate ? r.startDate : `${r.startDate} 至 ${r.endDate}`}</td>
                  <td>{r.title}</td><td>{r.category}</td><td>{r.level}</td><td>{r.host ?? ''}</td><td>{r.status}</td>
                  <td>{r.creditedHours}</td><td>{r.creditedDays}</td>
                  <td>{[r.result, r.score ?? null].filter((x) => x !== null && x !== '').join(' ')}</td><td>{r.certificateNo ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </section>
  );
}
