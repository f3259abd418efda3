import type { ReactNode } from 'react';

interface Props {
  name: string;
  label: string;
  required?: boolean;
  error?: string | undefined;
  children: ReactNode;
  wide?: boolean;
  /** For a control that has its own id (so the label is clickable). */
  htmlFor?: string;
}

/** A labelled form control with its error message directly beneath it. */
export function Field({ name, label, required, error, children, wide, htmlFor }: Props) {
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`} data-field={name}>
      <label htmlFor={htmlFor}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {children}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function FormBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="form-banner" role="alert">
      {message}
    </div>
  );
}
