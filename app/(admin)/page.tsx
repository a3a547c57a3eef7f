// The home page is the scenario list.
import { redirect } from 'next/navigation';

export default function Home() {
  redirect('/scenarios');
}
