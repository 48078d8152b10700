// XML-safe text: the one place where model text becomes markup.

// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF), plus C1 controls
// and DEL, which EPUBCheck and feed readers reject although XML allows them.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drop characters no XML document may hold. The normalizer already drops them; this guards every writer. */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Escape text for an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
