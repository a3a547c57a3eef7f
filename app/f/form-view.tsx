// The answer form a signed token opens, shared by /f/{token} and the LIFF endpoint /f/liff: 404 for a forged, expired
// or unknown link (nothing about why); a fresh nonce per render so a double submit stores one response.
import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { PublicForm } from '@/components/forms/public-form';
import { appDeps } from '@/lib/app-deps';
import { openFormLink } from '@/lib/forms/submit-form';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import { submitFormAction } from './[token]/actions';

export async function FormView({ token }: { token: string }) {
  const open = await openFormLink(appDeps(), token);
  if (!open) notFound();
  const { definition } = open;
  // The friend reads in their LINE language: English when LINE says so, Japanese otherwise.
  const lang: Lang = open.friend.language?.startsWith('en') ? 'en' : 'ja';
  const words = (key: MessageKey) => t(lang, key);
  return (
    <div className="mt-2 rounded-lg border border-slate-200 bg-white p-5" data-testid="public-form">
      <h1 className="mb-2 text-xl font-bold">{definition.title}</h1>
      {definition.description ? <p className="mb-4 whitespace-pre-line text-sm text-slate-600">{definition.description}</p> : null}
      <PublicForm
        action={submitFormAction}
        token={token}
        nonce={randomUUID()}
        fields={definition.fields}
        thanks={definition.thanks || words('forms.public.thanks')}
        words={{
          submit: words('forms.public.submit'),
          required: words('forms.public.required'),
          fix: words('forms.public.fix'),
          gone: words('forms.public.gone'),
          problems: {
            required: words('forms.problem.required'),
            too_long: words('forms.problem.too_long'),
            invalid_email: words('forms.problem.invalid_email'),
            invalid_phone: words('forms.problem.invalid_phone'),
            invalid_number: words('forms.problem.invalid_number'),
            invalid_date: words('forms.problem.invalid_date'),
            invalid_choice: words('forms.problem.invalid_choice'),
          },
        }}
      />
    </div>
  );
}
