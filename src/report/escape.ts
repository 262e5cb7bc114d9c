/**
 * Escaping for every output format in one place, because a scenario name is user text and ends up
 * in XML attributes, HTML, and GitHub workflow commands.
 */

// XML 1.0 allows only these characters (https://www.w3.org/TR/xml/#charsets); anything else —
// control characters, lone surrogates, U+FFFE/U+FFFF — makes the whole document unparseable.
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Remove characters XML 1.0 cannot carry at all. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, '');
}

/** Escape text content of an XML element. */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an XML attribute value (double-quoted); newlines and tabs survive attribute normalization. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Escape text for HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escape the message part of a GitHub workflow command (`::error …::<message>`). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a GitHub workflow command (`file=…,title=…`). */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Drop control characters (keeping newline and tab) so user text cannot move a terminal's cursor. */
export function sanitizeTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

/**
 * Escape text for one cell of a GitHub-flavoured markdown table: markup and entities are neutralised
 * (the step summary renders HTML), `|` would end the cell and a newline the row.
 */
export function escapeMarkdownCell(text: string): string {
  return sanitizeTerminal(escapeHtml(text))
    .replace(/\\/g, '&#92;')
    .replace(/[|`*_[\]]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '<br>');
}

/** Escaped HTML that may wrap after each `_` (`duplicate_work_ratio`), so wide tables fit narrow windows. */
export function breakable(text: string): string {
  return escapeHtml(text).replace(/_/g, '_<wbr>');
}
