// Reads the UI language from the `lang` cookie on the server (Japanese by default).
import 'server-only';
import { cookies } from 'next/headers';
import { isLang, type Lang } from './dictionary';

export async function currentLang(): Promise<Lang> {
  const v = (await cookies()).get('lang')?.value;
  return isLang(v) ? v : 'ja';
}
