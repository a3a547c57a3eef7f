'use server';
// The answer form's submit: the signed token in the form is the only proof (checked again here, as the page did);
// anything but a valid, unexpired link stores nothing and answers `not_found`.
import { appDeps } from '@/lib/app-deps';
import { publicAction } from '@/lib/auth/guard';
import { submitForm } from '@/lib/forms/submit-form';
import type { SubmitState } from '@/components/forms/public-form';

const FIELD_PREFIX = 'f.';

export const submitFormAction = publicAction('signed_form_link', async (_prev: SubmitState, form: FormData): Promise<SubmitState> => {
  const values: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(FIELD_PREFIX) || typeof value !== 'string') continue;
    (values[name.slice(FIELD_PREFIX.length)] ??= []).push(value);
  }
  const r = await submitForm(appDeps(), { token: form.get('token'), nonce: form.get('nonce'), values });
  switch (r.status) {
    case 'stored':
    case 'duplicate':
      return { status: 'done' };
    case 'invalid':
      return { status: 'invalid', problems: Object.fromEntries(r.problems.map((p) => [p.fieldId, p.problem])), values };
    case 'not_found':
      return { status: 'gone' };
  }
});
