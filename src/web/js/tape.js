// @ts-check
// A JSON value (as JSON.parse or a page's script made it) flattened for the module in one call,
// which web/json.rs reads back: copying it value by value crossed between JavaScript and the module
// a few times per value, half a millisecond more per document on the first render. Returns [tape, text]:
// the tape holds, depth first, each value's kind (a TAPE_ tag below), followed by the number, the
// string's length, or the count of items or fields (each field: its key's length, then its value);
// the text is every string and key, end to end. Lengths count UTF-16 code units. Values are taken as
// JSON.stringify takes them: fields whose value is undefined are left out, and a value with a toJSON
// method (a Date) gives its result.
//
// An application's objects are not JSON text: they may contain themselves (an order pointing back at
// its customer), share parts along exponentially many paths, claim an array length of 2^32 - 1, or
// throw from a getter. The copy stops at the first cycle, at the limits below (and the documented
// 100,000 items per list), or at an exception, and the tape is then that one tag: the work is
// bounded whatever the shape.
// The tags, named alike in web/json.rs (tests/tape.rs keeps the two lists equal).
const TAPE_NULL = 0;
const TAPE_FALSE = 1;
const TAPE_TRUE = 2;
const TAPE_NUMBER = 3;
const TAPE_STRING = 4;
const TAPE_ARRAY = 5;
const TAPE_OBJECT = 6;
const TAPE_INEXPRESSIBLE = 7;
const TAPE_TOO_DEEP = 8;
const TAPE_CYCLE = 9;
const TAPE_TOO_LARGE = 10;
// At most a million values, and ten million UTF-16 units of strings and keys (about the documented
// 10 MiB). No document comes near the first (the heaviest household's full history has 25,000
// values).
const MAX_VALUES = 1e6;
const MAX_UNITS = 1e7;
/**
 * @param {unknown} root
 * @returns {[Float64Array, string]}
 */
export function jsonTape(root) {
  // The tape grows by doubling in a typed array: pushing onto a plain array and converting it at the
  // end took twice as long for a large session.
  let tape = new Float64Array(1024);
  let end = 0;
  /** @param {number} more */
  const room = (more) => {
    if (end + more > tape.length) {
      const grown = new Float64Array(Math.max(tape.length * 2, end + more));
      grown.set(tape);
      tape = grown;
    }
  };
  /** @param {number} tag */
  const emit = (tag) => { room(1); tape[end++] = tag; };
  /**
   * @param {number} tag
   * @param {number} number
   */
  const emit2 = (tag, number) => { room(2); tape[end++] = tag; tape[end++] = number; };
  /** @type {string[]} */
  const text = [];
  /** @type {Set<object>} */
  const open = new Set(); // the objects being copied: meeting one again is a cycle
  // The objects copied so far, each with where its copy lies in the tape and the text, how many
  // values and units it holds and how deep it goes: an object met again along another path (shared,
  // not a cycle) is repeated from that copy rather than walked again, so that a graph sharing its
  // parts along exponentially many paths reaches the limits in milliseconds.
  /** @type {Map<object, { from: number, to: number, textFrom: number, textTo: number, values: number, units: number, height: number }>} */
  const copied = new Map();
  let values = 0;
  let units = 0;
  let deepest = 0;
  /**
   * @param {any} value
   * @param {number} depth
   * @returns {void}
   */
  const put = (value, depth) => {
    if (depth > deepest) deepest = depth;
    if (depth > 64) return emit(TAPE_TOO_DEEP);
    if (typeof value?.toJSON == "function") value = value.toJSON();
    if (++values > MAX_VALUES) throw TAPE_TOO_LARGE;
    switch (typeof value) {
      case "boolean": return emit(value ? TAPE_TRUE : TAPE_FALSE);
      case "number": return emit2(TAPE_NUMBER, value);
      case "string":
        if ((units += value.length) > MAX_UNITS) throw TAPE_TOO_LARGE;
        text.push(value);
        return emit2(TAPE_STRING, value.length);
      case "object": {
        if (value === null) return emit(TAPE_NULL);
        if (open.has(value)) throw TAPE_CYCLE;
        const copy = copied.get(value);
        if (copy) {
          // Here its copy would go past the depth limit: too deep, as a walk would find somewhere
          // inside it (the document is refused either way, with the same message).
          if (depth + copy.height > 64) return emit(TAPE_TOO_DEEP);
          if ((values += copy.values) > MAX_VALUES || (units += copy.units) > MAX_UNITS) throw TAPE_TOO_LARGE;
          deepest = Math.max(deepest, depth + copy.height);
          room(copy.to - copy.from);
          tape.copyWithin(end, copy.from, copy.to);
          end += copy.to - copy.from;
          // Its strings and keys as one: a copy of a copy is then one string, not thousands.
          text.push(text.slice(copy.textFrom, copy.textTo).join(""));
          return;
        }
        const from = end;
        const textFrom = text.length;
        const before = { values, units, deepest };
        deepest = depth;
        open.add(value);
        if (Array.isArray(value)) {
          const length = value.length;
          if (length > 1e5) throw TAPE_TOO_LARGE;
          emit2(TAPE_ARRAY, length);
          for (let i = 0; i < length; i++) put(value[i], depth + 1);
        } else {
          // The count of fields is written once they are known: those whose value is undefined are
          // left out.
          const count = end + 1;
          emit2(TAPE_OBJECT, 0);
          for (const key of Object.keys(value)) {
            const field = value[key];
            if (field === undefined) continue;
            tape[count]++;
            units += key.length;
            text.push(key);
            emit(key.length);
            put(field, depth + 1);
          }
        }
        open.delete(value);
        const height = deepest - depth;
        deepest = Math.max(deepest, before.deepest);
        copied.set(value, {
          from, to: end, textFrom, textTo: text.length, values: values - before.values, units: units - before.units, height,
        });
        return;
      }
      default: return emit(TAPE_INEXPRESSIBLE);
    }
  };
  try {
    put(root, 0);
  } catch (error) {
    // A getter or a proxy that threw reads as a value JSON cannot express.
    return [new Float64Array([typeof error == "number" ? error : TAPE_INEXPRESSIBLE]), ""];
  }
  return [tape.subarray(0, end), text.join("")];
}
