import { useEffect, useState } from 'react';
import type { HomeResult } from '../../../../core/report/home-contract.ts';
import { call, errorText } from '../../api/client.ts';
import './home.css';

/** The landing page after login: what this role should look at first (core/report/home.ts decides). */
export function HomePage() {
  const [home, setHome] = useState<HomeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('home.get', {}).then(setHome, (e: unknown) => setError(errorText(e)));
  }, []);
  return (
    <section className="page home" data-view={home?.view}>
      <div className="toolbar">
        <h1>{home?.title ?? '首页'}</h1>
        {home && <span className="muted">{home.today}{home.scope ? ` · ${home.scope.name}` : ''}</span>}
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {!home && !error && <p className="muted pad">正在加载…</p>}
      {home && (
        <div className="home-body">
          <ul className="home-cards" aria-label="概况">
            {home.cards.map((c) => (
              <li key={c.key} className={`home-card tone-${c.tone}`} data-card={c.key}>
                <a href={c.link ?? undefined}>
                  <span className="home-card-label">{c.label}</span>
                  <strong className="home-card-value">{c.value}</strong>
                  <span className="home-card-hint">{c.hint}</span>
                </a>
              </li>
            ))}
          </ul>
          {home.tables.map((t) => (
            <section key={t.key} className="home-table">
              <h2>{t.title}</h2>
              {t.rows.length === 0 ? (
                <p className="muted">{t.empty}</p>
              ) : (
                <table aria-label={t.title}>
                  <thead>
                    <tr>{t.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr>
                  </thead>
                  <tbody>
                    {t.rows.map((r, i) => (
                      <tr key={i}>{t.columns.map((c) => <td key={c.key}>{r[c.key] ?? '—'}</td>)}</tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
          {home.notes.map((n) => <p key={n} className="muted small-text">{n}</p>)}
          {home.view !== 'admin' && (
            <p><a href="#/reports">打开统计报表 →</a></p>
          )}
        </div>
      )}
    </section>
  );
}
