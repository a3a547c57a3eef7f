// A friend's round avatar: their LINE picture, or the first letter of their name.
export function FriendAvatar({ name, pictureUrl, size = 32 }: { name: string; pictureUrl: string | null; size?: number }) {
  const style = { width: size, height: size };
  if (pictureUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- the picture URL is LINE's (or the sandbox's, on any port); next/image serves only hosts listed in next.config.
    return <img src={pictureUrl} alt="" style={style} className="shrink-0 rounded-full bg-slate-200 object-cover" />;
  }
  return (
    <span style={style} className="flex shrink-0 items-center justify-center rounded-full bg-line/15 text-sm font-bold text-line-dark">
      {name.slice(0, 1) || '?'}
    </span>
  );
}
