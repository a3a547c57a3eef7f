// Says, above everything else, that an owner requires two-factor and nothing else opens until it is set up.
import { t, type Lang } from '@/lib/i18n/dictionary';

export function TotpRequiredBanner({ lang }: { lang: Lang }) {
  return (
    <div role="alert" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="totp-required-banner">
      <p className="font-semibold text-amber-900">{t(lang, 'account.totp.required.title')}</p>
      <p className="mt-1 text-sm text-amber-900">{t(lang, 'account.totp.required.body')}</p>
    </div>
  );
}
