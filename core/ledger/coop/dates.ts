// Quarter arithmetic on ISO dates (strings compare in date order).

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function quarterStart(q: string): string {
  const m = (Number(q.slice(6)) - 1) * 3 + 1;
  return `${q.slice(0, 4)}-${String(m).padStart(2, '0')}-01`;
}

export function quarterEnd(q: string): string {
  const y = Number(q.slice(0, 4));
  const m = Number(q.slice(6)) * 3;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Quarters from the one holding `from` to the one holding `to`, inclusive (integer arithmetic: lists call this per row). */
export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  if (to < from) return out;
  const index = (d: string) => Number(d.slice(0, 4)) * 4 + Math.floor((Number(d.slice(5, 7)) - 1) / 3);
  for (let i = index(from), last = index(to); i <= last; i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

const dueCache = new Map<string, string>();
/** The last day a quarter's report or feedback is on time: the quarter's end plus the grace period. */
export function quarterDue(q: string): string {
  let d = dueCache.get(q);
  if (!d) dueCache.set(q, (d = addDays(quarterEnd(q), REPORT_GRACE_DAYS)));
  return d;
}

/** A quarter's written report is due within 15 days after the quarter ends (sketched local rule). */
export const REPORT_GRACE_DAYS = 15;
/** 议题 are due 15 days before the meeting (共驻共建联席会议制度, domain-2 §4.3). */
export const TOPIC_LEAD_DAYS = 15;
