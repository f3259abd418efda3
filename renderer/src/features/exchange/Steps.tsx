import type { ReactNode } from 'react';

// The guided path: numbered steps, each explained in a sentence or two; the first step not yet
// done is the current one, highlighted, and only its controls are open.

export interface Step {
  title: string;
  done: boolean;
  /** One or two plain sentences: what this step does and why. */
  text: ReactNode;
  /** The controls, shown while the step is current (and on a done step that can be repeated). */
  body?: ReactNode;
  /** Shown when the step is done. */
  doneText?: ReactNode;
  /** A done step whose controls stay open (e.g. exporting the next bundle). */
  repeatable?: boolean;
}

export function Steps({ label, steps }: { label: string; steps: Step[] }) {
  const current = steps.findIndex((s) => !s.done);
  return (
    <ol className="guided-steps" aria-label={label}>
      {steps.map((s, i) => {
        const state = i === current ? 'current' : s.done ? 'done' : 'todo';
        return (
          <li key={s.title} className={`guided-step ${state}`} aria-current={state === 'current' ? 'step' : undefined} data-state={state}>
            <div className="guided-step-head">
              <span className="guided-step-no">{s.done ? '✓' : i + 1}</span>
              <h3>{s.title}</h3>
              <span className="guided-step-state">{{ current: '当前步骤', done: '已完成', todo: '待办' }[state]}</span>
            </div>
            <p className="guided-step-text">{s.text}</p>
            {s.done && s.doneText && <p className="ok-text">{s.doneText}</p>}
            {(state === 'current' || (s.done && s.repeatable)) && s.body}
          </li>
        );
      })}
    </ol>
  );
}

/** A step's outcome line (role=status) or its error banner. */
export function StepMessage({ ok, error }: { ok: string | null; error: string | null }) {
  return (
    <>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {ok && <p className="ok-text" role="status">{ok}</p>}
    </>
  );
}
