// First module of the startup snapshot: a V8 snapshot cannot hold native ICU converters, which Node's
// TextDecoder uses for every encoding but UTF-8, and fontkit makes an 'ascii' one as it loads.

export const NativeTextDecoder = globalThis.TextDecoder;

const UTF8 = /^(?:unicode-1-1-)?utf-?8$/i;

/** The decoders fontkit and restructure make while the snapshot is built: UTF-8 native, the rest in JS. */
class SnapshotTextDecoder {
  readonly encoding: string;
  readonly #utf8: TextDecoder | null;

  constructor(label = 'utf-8', options?: TextDecoderOptions) {
    this.encoding = label.toLowerCase();
    this.#utf8 = UTF8.test(label) ? new NativeTextDecoder(label, options) : null;
  }

  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (this.#utf8 !== null) return this.#utf8.decode(input);
    if (input === undefined) return '';
    const bytes = ArrayBuffer.isView(input) ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : Buffer.from(input);
    if (/^utf-?16be$/.test(this.encoding)) return Buffer.from(bytes).swap16().toString('utf16le');
    if (/^utf-?16(?:le)?$/.test(this.encoding)) return bytes.toString('utf16le');
    // 'ascii' and 'latin1' (fontkit's table tags and Mac Roman names): one byte, one character.
    return bytes.toString('latin1');
  }
}

globalThis.TextDecoder = SnapshotTextDecoder as unknown as typeof TextDecoder;
