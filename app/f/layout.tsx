// A friend's answer form: a phone-sized page opened from a LINE message, without the admin shell.
import type { Metadata, Viewport } from 'next';

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };
// The token in the URL is the friend's key to this form: never indexed, never sent on as a referrer.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default function FormLayout({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto w-full max-w-md px-4 py-6">{children}</main>;
}
