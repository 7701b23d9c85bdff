/**
 * The key neuron names are matched by (SPEC.md W3): surrounding spaces trimmed and leading zeros of
 * every digit run dropped, so that "VB01", " VB1 " and "VB1" name one neuron while "VB10" stays apart.
 */
export function neuronKey(name: string): string {
  return name.trim().replace(/(^|\D)0+(?=\d)/g, "$1");
}
