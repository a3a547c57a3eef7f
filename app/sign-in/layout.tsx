// Sign-in and first-run pages: a small centred card without the admin shell.
export default function SignInLayout({ children }: { children: React.ReactNode }) {
  return <main className="flex min-h-screen w-full items-start justify-center px-4 pt-24">{children}</main>;
}
