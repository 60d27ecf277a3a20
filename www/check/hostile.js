// Hostile globals, set before Patron loads: prototype pollution, a global of the same name, shadowed
// built-ins the widget does not need. Patron must neither break nor add globals of its own.
Object.prototype.polluted = "yes";
Object.defineProperty(Object.prototype, "then", { value: undefined, writable: true, configurable: true, enumerable: false });
Array.prototype.extra = function extra() { return "extra"; };
window.patron = "the host's own global";
window.module = {};
window.exports = {};
window.define = function define() { throw new Error("AMD define called"); };

const before = new Set(Object.getOwnPropertyNames(window));
const response = await fetch("../sessions/regular.json");
document.getElementById("patron-session").textContent = await response.text();
await import("/pkg/patron.js");
window.__added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
