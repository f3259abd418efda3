// A text typed where a number belongs becomes NaN, which JSON sends as null: for a nullable
// field that silently erases the stored value. call() sends every non-finite number as its
// string instead ('NaN', 'Infinity'), which core's number fields refuse with their own message
// naming the field (tests/renderer/numbers.test.ts holds every number field of the contract to it).

/** A copy of `input` with NaN / ±Infinity replaced by their strings, at any depth. */
export function withoutNonFinite(input: unknown): unknown {
  if (typeof input === 'number') return Number.isFinite(input) ? input : String(input);
  if (Array.isArray(input)) return input.map(withoutNonFinite);
  if (input && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, withoutNonFinite(v)]));
  }
  return input;
}
