// /f/{token}: a friend's answer form, reached from a LINE message through a signed, expiring link. A forged, expired or
// unknown link is 404 (nothing about why); the page holds a fresh nonce so a double submit stores one response.
// policy: public, signed_form_link
import { FormView } from '../form-view';

export const dynamic = 'force-dynamic';

export default async function FormPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <FormView token={token} />;
}
