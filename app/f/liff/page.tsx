// /f/liff: the LIFF app's endpoint URL (KIZUNA_LIFF_ID). `https://liff.line.me/{liffId}?t={token}` lands here with the
// token in `liff.state` (LINE's first redirect) or in `t`, and shows the same form as /f/{token}; no token, or a forged,
// expired or unknown one, is 404. The page needs no LIFF SDK: the signed token alone proves the friend.
// policy: public, signed_form_link
import { notFound } from 'next/navigation';
import { formTokenFromLiff } from '@/lib/forms/form-link';
import { FormView } from '../form-view';

export const dynamic = 'force-dynamic';

export default async function LiffFormPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = formTokenFromLiff(await searchParams);
  if (!token) notFound();
  return <FormView token={token} />;
}
