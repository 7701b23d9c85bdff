// The WHATWG Encoding API exists in every runtime Danio targets (browsers, Node ≥ 11) but its types live in
// the DOM and Node libs, which packages/formats is compiled without (it must stay runtime-neutral).
declare global {
  interface TextDecoderOptions {
    fatal?: boolean;
    ignoreBOM?: boolean;
  }
  class TextDecoder {
    constructor(label?: string, options?: TextDecoderOptions);
    readonly encoding: string;
    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
  }
  class TextEncoder {
    readonly encoding: string;
    encode(input?: string): Uint8Array;
  }
}
export {};
