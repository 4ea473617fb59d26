// Stand-ins for the browser globals the reader's app reads, for node --test.

export class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  get length() {
    return this.items.size;
  }
  key(index) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

// A form as the scripts see it: `elements`, each with a name, type and value.
export function fakeForm(controls) {
  return { elements: controls.map((control) => ({ type: "text", value: "", checked: false, closest: () => null, addEventListener() {}, ...control })) };
}

export function installBrowser({ href = "https://guide.example/waiting/" } = {}) {
  const url = new URL(href);
  globalThis.window = globalThis;
  globalThis.localStorage = new MemoryStorage();
  globalThis.sessionStorage = new MemoryStorage();
  globalThis.location = { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash };
  globalThis.history = { state: null, replaceState: (state, title, where) => (globalThis.location.hash = new URL(where, url).hash) };
  globalThis.document = { baseURI: href };
}
