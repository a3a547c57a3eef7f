// Wraps CSV text as a download response named with today's date.
export function csvDownload(csv: string, now = new Date()): Response {
  const day = now.toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="kizuna-friends-${day}.csv"` },
  });
}
