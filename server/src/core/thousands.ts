// Integers with thousands separators ("6,291,456"), as toLocaleString('en-US') writes them. Why not that:
// its first call loads ICU's number formatting, about 13 ms of CPU and 60-80 ms of wall time on a cold
// start (rule examples and help texts format numbers when the server's bundle loads).

/** `n` rounded to an integer, with a comma between each group of three digits. */
export function thousands(n: number): string {
  const digits = String(Math.abs(Math.round(n)));
  return `${n < 0 && Math.round(n) !== 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
