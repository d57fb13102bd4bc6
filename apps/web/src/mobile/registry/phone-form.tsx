import { CheckCircleFilled } from '@ant-design/icons';
import { type HTMLInputTypeAttribute, type ReactNode, useCallback, useState } from 'react';
import { isApiError } from '../../app/api';
import './registry-phone.css';

/*
 * A small form kit for the phone screens: native inputs with labels, required marks, per-field
 * errors (aria-invalid + aria-describedby) and 48 px targets. antd's Form, Input and Radio would add
 * some 60 kB of gzipped JavaScript to each phone form; the validation rules are the same shared
 * validators the desk and the API use.
 */
export type Values = Record<string, string>;
/** Returns the message to show, or null when the value is fine. */
export type Rule = (value: string, all: Values) => string | null;

const fieldId = (name: string) => `pf-${name}`;

export function usePhoneForm(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = useCallback((name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name in e)) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  }, []);
  const show = (found: Record<string, string>) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) document.getElementById(fieldId(first))?.focus();
  };
  /** Runs the rules (first failing rule per field wins); true when everything passes. */
  const check = (rules: Record<string, Rule[]>): boolean => {
    const found: Record<string, string> = {};
    for (const [name, list] of Object.entries(rules)) {
      for (const rule of list) {
        const message = rule((values[name] ?? '').trim(), values);
        if (message) {
          found[name] = message;
          break;
        }
      }
    }
    show(found);
    return Object.keys(found).length === 0;
  };
  /** Puts the API's field details on the fields; `resident.idNumber` lands on `idNumber`. */
  const fromApi = (e: unknown) => {
    if (!isApiError(e)) return;
    const found: Record<string, string> = {};
    for (const d of e.details) if (d.path) found[d.path.split('.').pop() ?? d.path] = d.message;
    if (Object.keys(found).length > 0) show(found);
  };
  const reset = (keep: Values = {}) => {
    setValues({ ...initial, ...keep });
    setErrors({});
  };
  return { values, errors, set, check, fromApi, reset };
}
export type PhoneForm = ReturnType<typeof usePhoneForm>;

function Frame({
  form,
  name,
  label,
  required,
  hint,
  children,
}: {
  form: PhoneForm;
  name: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const error = form.errors[name];
  return (
    <div className="pf-field">
      <label className="pf-label" htmlFor={fieldId(name)}>
        {required ? (
          <span className="pf-mark" aria-hidden="true">
            *
          </span>
        ) : null}
        {label}
      </label>
      {children}
      {error ? (
        <span className="pf-error" id={`${fieldId(name)}-msg`} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="pf-hint" id={`${fieldId(name)}-msg`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({
  form,
  name,
  label,
  required,
  hint,
  type = 'text',
  inputMode,
  maxLength = 200,
  mono,
  multiline,
  max,
  onValue,
}: {
  form: PhoneForm;
  name: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  type?: HTMLInputTypeAttribute;
  inputMode?: 'text' | 'tel' | 'numeric';
  maxLength?: number;
  mono?: boolean;
  multiline?: boolean;
  max?: string;
  /** Called with each new value, e.g. to fill other fields from an ID number. */
  onValue?: (value: string) => void;
}) {
  const props = {
    id: fieldId(name),
    className: mono ? 'pf-input mono' : 'pf-input',
    value: form.values[name] ?? '',
    maxLength,
    'aria-invalid': form.errors[name] ? true : undefined,
    'aria-describedby': form.errors[name] || hint ? `${fieldId(name)}-msg` : undefined,
    'aria-required': required || undefined,
  };
  const change = (value: string) => {
    form.set(name, value);
    onValue?.(value);
  };
  return (
    <Frame form={form} name={name} label={label} required={required} hint={hint}>
      {multiline ? (
        <textarea {...props} rows={3} onChange={(e) => change(e.target.value)} />
      ) : (
        <input
          {...props}
          type={type}
          inputMode={inputMode}
          max={max}
          autoComplete="off"
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Frame>
  );
}

/** One choice out of a few, as large chips (radio buttons under a legend). */
export function ChoiceField({
  form,
  name,
  label,
  options,
  required,
}: {
  form: PhoneForm;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const error = form.errors[name];
  return (
    <fieldset
      className="pf-field pf-choices-set"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${fieldId(name)}-msg` : undefined}
    >
      <legend className="pf-label">
        {required ? (
          <span className="pf-mark" aria-hidden="true">
            *
          </span>
        ) : null}
        {label}
      </legend>
      <div className="pf-choices">
        {options.map((o, i) => (
          <label key={o.value} className="pf-choice">
            <input
              type="radio"
              id={i === 0 ? fieldId(name) : undefined}
              name={fieldId(name)}
              value={o.value}
              checked={form.values[name] === o.value}
              onChange={() => form.set(name, o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <span className="pf-error" id={`${fieldId(name)}-msg`} role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

export function PhoneButton({
  children,
  primary,
  busy,
  disabled,
  onClick,
  type = 'button',
  label,
}: {
  children: ReactNode;
  primary?: boolean;
  busy?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  type?: 'button' | 'submit';
  label?: string;
}) {
  return (
    <button
      type={type}
      className={primary ? 'pf-button primary' : 'pf-button'}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The confirmation after a successful submit, with what to do next. */
export function Done({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="phone-card pf-done" role="status">
      <CheckCircleFilled className="pf-done-icon" aria-hidden />
      <h2 className="phone-title">{title}</h2>
      <div className="phone-actions">{children}</div>
    </div>
  );
}

export const requiredRule =
  (message: string): Rule =>
  (v) =>
    v ? null : message;
