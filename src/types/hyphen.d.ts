// hyphen ships no types; the one pattern set imported statically (the rest are required by name).
declare module 'hyphen/en/index.js' {
  const patterns: { hyphenateSync(text: string): string };
  export default patterns;
}
