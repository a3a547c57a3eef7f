// The customer-facing account-link flow: a small phone-sized page (it opens inside LINE), without the admin shell.
import type { Viewport } from 'next';

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function LinkLayout({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto w-full max-w-md px-4 py-6">{children}</main>;
}
