// linebreak ships no types; only what Galley uses (it is pdfkit's own UAX #14 line breaker).
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
