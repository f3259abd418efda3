import type { ReactNode } from 'react';
import type { FieldIssue } from '../../../../core/contract/index.ts';
import './auth.css';

/** The centred card every screen before the app itself uses (setup, login, recovery, lock). */
export function AuthCard({ title, subtitle, children, wide }: { title: string; subtitle?: string | null; children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-screen">
      <section className={wide ? 'auth-card wide' : 'auth-card'}>
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">台</span>
          <span>基层党建台账{subtitle ? ` · ${subtitle}` : ''}</span>
        </div>
        <h1>{title}</h1>
        {children}
      </section>
    </div>
  );
}

/** Full field path → message (the server names nested fields, e.g. `admin.password`). */
export function issuesByFullPath(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}

/** A labelled text or password input with its error below, for the auth forms. */
export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  type?: 'text' | 'password';
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  mono?: boolean;
}) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`} data-field={props.id}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        className={props.mono ? 'mono' : undefined}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <div className="field-error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
