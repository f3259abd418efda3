import { useLayoutEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { PaySheet } from '../../../../core/salary/contract.ts';
import { paySheetLayout, yuanText } from '../../../../core/salary/sheet-layout.ts';

// A4 landscape's printable width at 10 mm margins: 277 mm at 96 px per inch.
const PRINT_WIDTH_PX = (277 / 25.4) * 96;

/**
 * 工资表打印预览: the same layout as the .xlsx (core/salary/sheet-layout.ts), drawn as a bordered
 * table whose header repeats on every page. It is rendered straight under <body>, so printing
 * it hides the whole app instead of leaving its blank space on the paper.
 */
export function PaySheetPrint({ sheet, onClose }: { sheet: PaySheet; onClose: () => void }) {
  const layout = useMemo(() => paySheetLayout(sheet), [sheet]);
  const doc = useRef<HTMLElement>(null);

  // Fit to the page width: measured on screen, applied by the print stylesheet as a zoom.
  useLayoutEffect(() => {
    const el = doc.current;
    const table = el?.querySelector<HTMLElement>('table');
    if (!el || !table) return;
    // 4 % slack: print layout measures a little wider than the screen (borders, rounding).
    const zoom = Math.min(1, PRINT_WIDTH_PX / Math.max(table.scrollWidth * 1.04, 1));
    el.style.setProperty('--pay-print-zoom', zoom.toFixed(4));
  }, [layout]);

  return createPortal(
    <div className="print-overlay pay-print-overlay">
      <div className="print-actions">
        <button type="button" className="primary" onClick={() => window.print()}>打印</button>
        <button type="button" onClick={onClose}>关闭</button>
      </div>
      <article ref={doc} className="print-sheet pay-print" aria-label="工资表打印预览">
        <h2>{layout.title}</h2>
        <p className="pay-print-sub">{layout.subtitle}</p>
        <table className="pay-print-table">
          <thead>
            <tr>{layout.columns.map((c, i) => <th key={i}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {layout.rows.map((r, n) => (
              <tr key={n} className={r.kind}>
                {r.cells.map((v, i) => {
                  const col = layout.columns[i]!;
                  const last = i === layout.columns.length - 1;
                  return (
                    <td key={i} className={col.money ? 'money' : last ? 'note' : undefined}>
                      {v === null ? '' : col.money && typeof v === 'number' ? yuanText(v) : String(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pay-print-sign">
          {layout.signatures.map((s) => <span key={s}>{s}：<span className="sign-line" /></span>)}
          <span>日期：<span className="sign-line short" /></span>
        </div>
      </article>
    </div>,
    document.body,
  );
}
