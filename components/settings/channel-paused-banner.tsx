// The admin shell's banner while the LINE channel is paused: why sends are held, since when, and what to do.
import Link from 'next/link';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { formatInstant } from '@/lib/format';
import type { ChannelBannerView } from '@/lib/ui-types';

export function ChannelPausedBanner({ lang, banner, showQuotaLink }: { lang: Lang; banner: ChannelBannerView; showQuotaLink: boolean }) {
  const credentials = banner.pausedFor === 'credentials';
  return (
    <div role="alert" className="border-b border-rose-200 bg-rose-50 px-8 py-3 text-sm text-rose-900" data-testid="channel-paused-banner">
      <p className="font-semibold">{t(lang, credentials ? 'channel.paused.credentials.title' : 'channel.paused.quota.title')}</p>
      <p className="mt-1">{t(lang, credentials ? 'channel.paused.credentials.body' : 'channel.paused.quota.body')}</p>
      <p className="mt-1 text-xs text-rose-800">
        {banner.pausedAt !== null ? `${t(lang, 'channel.paused.since').replace('{at}', formatInstant(banner.pausedAt, lang))} · ` : null}
        {t(lang, 'channel.paused.expiry')}
      </p>
      {banner.lastProbeAt !== null && banner.lastProbeResult ? (
        <p className="mt-1 text-xs text-rose-800">
          {t(lang, 'channel.paused.lastCheck')
            .replace('{at}', formatInstant(banner.lastProbeAt, lang))
            .replace('{result}', banner.lastProbeResult)}
        </p>
      ) : null}
      {!credentials && showQuotaLink ? (
        <Link href="/settings#line-quota" className="mt-1 inline-block text-xs font-medium underline">
          {t(lang, 'channel.paused.quotaLink')}
        </Link>
      ) : null}
    </div>
  );
}
