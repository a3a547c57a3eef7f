'use client';
// The friend's answer form on the phone: one control per field, the problems shown under their fields, then thanks.
import { useActionState } from 'react';
import type { AnswerProblem, FormField } from '@/scenario/forms';

export type SubmitState =
  | { status: 'idle' }
  | { status: 'done' }
  | { status: 'gone' }
  /** What was sent comes back, so the form shows it again (React resets a form after its action). */
  | { status: 'invalid'; problems: Record<string, AnswerProblem>; values: Record<string, string[]> };

export interface PublicFormWords {
  submit: string;
  required: string;
  fix: string;
  gone: string;
  problems: Record<AnswerProblem, string>;
}

const INPUT = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base';

export function PublicForm(props: {
  action: (prev: SubmitState, form: FormData) => Promise<SubmitState>;
  token: string;
  nonce: string;
  fields: FormField[];
  thanks: string;
  words: PublicFormWords;
}) {
  const { words } = props;
  const [state, submit, pending] = useActionState(props.action, { status: 'idle' });
  if (state.status === 'done')
    return (
      <p className="whitespace-pre-line rounded-md bg-emerald-50 p-4 text-emerald-800" role="status" data-testid="form-thanks">
        {props.thanks}
      </p>
    );
  if (state.status === 'gone')
    return (
      <p className="text-sm text-rose-700" role="alert" data-testid="form-gone">
        {words.gone}
      </p>
    );
  const problems = state.status === 'invalid' ? state.problems : {};
  const sent = state.status === 'invalid' ? state.values : {};
  return (
    <form action={submit} className="flex flex-col gap-5" noValidate>
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="nonce" value={props.nonce} />
      {state.status === 'invalid' ? (
        <p className="text-sm text-rose-700" role="alert">
          {words.fix}
        </p>
      ) : null}
      {props.fields.map((f) => {
        const problem = problems[f.id];
        const name = `f.${f.id}`;
        const id = `field-${f.id}`;
        return (
          <div key={f.id} data-testid={`form-field-${f.id}`}>
            {f.type === 'single_choice' || f.type === 'multiple_choice' ? (
              <fieldset>
                <legend className="text-sm font-medium">
                  {f.label} {f.required ? <span className="text-xs text-rose-600">{words.required}</span> : null}
                </legend>
                {f.help ? <p className="text-xs text-slate-500">{f.help}</p> : null}
                <div className="mt-2 flex flex-col gap-2">
                  {f.options.map((o) => (
                    <label key={o} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2">
                      <input
                        type={f.type === 'single_choice' ? 'radio' : 'checkbox'}
                        name={name}
                        value={o}
                        defaultChecked={sent[f.id]?.includes(o) ?? false}
                      />
                      <span>{o}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : (
              <>
                <label htmlFor={id} className="text-sm font-medium">
                  {f.label} {f.required ? <span className="text-xs text-rose-600">{words.required}</span> : null}
                </label>
                {f.help ? <p className="text-xs text-slate-500">{f.help}</p> : null}
                {f.type === 'textarea' ? (
                  <textarea id={id} name={name} rows={4} className={INPUT} defaultValue={sent[f.id]?.[0] ?? ''} />
                ) : (
                  <input id={id} name={name} className={INPUT} defaultValue={sent[f.id]?.[0] ?? ''} {...inputKind(f.type)} />
                )}
              </>
            )}
            {problem ? (
              <p className="mt-1 text-sm text-rose-700" data-testid={`form-problem-${f.id}`}>
                {words.problems[problem]}
              </p>
            ) : null}
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-line px-4 py-3 text-base font-bold text-white disabled:opacity-60"
        data-testid="form-submit"
      >
        {props.words.submit}
      </button>
    </form>
  );
}

function inputKind(type: FormField['type']): React.InputHTMLAttributes<HTMLInputElement> {
  switch (type) {
    case 'date':
      return { type: 'date' };
    case 'number':
      return { type: 'text', inputMode: 'decimal' };
    case 'email':
      return { type: 'email', inputMode: 'email', autoComplete: 'email' };
    case 'phone':
      return { type: 'tel', inputMode: 'tel', autoComplete: 'tel' };
    default:
      return { type: 'text' };
  }
}
