// Text → XML text for .xlsx parts. Besides & < > ", XML 1.0 cannot carry most C0 control
// characters at all, and a parser turns CR into LF. exceljs drops the illegal ones silently;
// we keep them, the way Excel itself saves them: as OOXML's _xHHHH_ escape (ECMA-376 Part 1,
// ST_Xstring), which Excel, WPS and our own reader (core/roster-io/xlsx.ts xmlText) decode. A
// literal "_x0041_" in the text would be decoded too, so its underscore is escaped as _x005F_.
// Lone surrogates are left to the UTF-8 encoder, which writes U+FFFD for them.

const SPECIAL = /[&<>"\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ALL = /[&<>"\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

const hex4 = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

function replace(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
  }
  return `_x${hex4(ch.charCodeAt(0))}_`;
}

export function xmlEscape(s: string): string {
  // Most cells need nothing: one test, no copy.
  return SPECIAL.test(s) ? s.replace(ALL, replace) : s;
}
