// The EPUB stylesheet: light-touch CSS that leaves fonts, sizes, margins and colours to the reader.

/**
 * Rules written for e-readers: em units only, no font-family (the reader's choice wins), no colours
 * (night modes stay readable), no flex or grid (older Kobo firmware shows blank pages), automatic
 * hyphenation driven by the lang attribute on <html>, with the prefixed forms older engines read.
 */
export const STYLESHEET = `@charset "UTF-8";

p, li {
  -webkit-hyphens: auto;
  -epub-hyphens: auto;
  -moz-hyphens: auto;
  -adobe-hyphenate: auto;
  hyphens: auto;
  orphans: 2;
  widows: 2;
}

/* Scripts without hyphenation dictionaries; Korean breaks between words, not inside them. */
:lang(ja) p, :lang(ja) li, :lang(zh) p, :lang(zh) li, :lang(ko) p, :lang(ko) li {
  -webkit-hyphens: none;
  -epub-hyphens: none;
  hyphens: none;
}
:lang(ko) p, :lang(ko) li {
  word-break: keep-all;
}

h1, h2 {
  -webkit-hyphens: manual;
  -epub-hyphens: manual;
  hyphens: manual;
  line-height: 1.2;
  page-break-after: avoid;
  break-after: avoid;
  page-break-inside: avoid;
  break-inside: avoid;
}

h1 {
  font-size: 1.6em;
  margin: 0 0 0.5em 0;
}

h2 {
  font-size: 1.25em;
  margin: 1.5em 0 0.5em 0;
}

.kicker {
  display: block;
  font-size: 0.7em;
  font-weight: normal;
  letter-spacing: 0.05em;
  margin-bottom: 0.25em;
}

p {
  margin: 0 0 0.75em 0;
  text-indent: 0;
}

.byline {
  font-style: italic;
  font-size: 0.9em;
}

.standfirst {
  font-weight: bold;
  margin-bottom: 1.5em;
}

.list-title {
  font-weight: bold;
  margin-bottom: 0.25em;
  page-break-after: avoid;
  break-after: avoid;
}

ul {
  margin: 0 0 0.75em 0;
  padding-left: 1.5em;
}

li {
  margin-bottom: 0.25em;
}

.related {
  margin-top: 2em;
  border-top: 0.0625em solid;
  padding-top: 0.5em;
}

nav ol {
  list-style-type: none;
  padding-left: 0;
}
`;
