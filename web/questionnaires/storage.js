// The keys the guide keeps in this browser's storage, named once, and the one
// way to reach that storage. Every key starts with GUIDE_PREFIX: what My
// plan's "Erase everything" removes. (The site's task lists, a classic
// script, keep "offer-guide:tasks:" keys.)

export const GUIDE_PREFIX = "offer-guide:";

const ANSWERS_PREFIX = `${GUIDE_PREFIX}answers:`;

// A questionnaire's saved answers: only those the reader gave there.
export const answersKey = (questionnaire) => `${ANSWERS_PREFIX}${questionnaire}`;

// The questionnaire whose answers a key keeps, or null for any other key.
export const questionnaireOfKey = (key) =>
  typeof key === "string" && key.startsWith(ANSWERS_PREFIX) ? key.slice(ANSWERS_PREFIX.length) : null;

// A value one questionnaire hands another, filled in once there.
export const handOffKey = (questionnaire) => `${GUIDE_PREFIX}handoff:${questionnaire}`;

// This browser's localStorage (or sessionStorage), or null where the browser
// refuses it: with site data blocked, merely reading `window.localStorage`
// throws a SecurityError.
export function browserStorage(name = "localStorage") {
  try {
    return window[name] || null;
  } catch {
    return null;
  }
}

let askedToLast = false;

// Once a reader has answers saved, asks the browser (once a page) to keep the
// guide's storage rather than clear it when the device runs short of space.
// The browser decides, and may ask the reader; nothing changes if it says no.
export function askToKeepStorage() {
  if (askedToLast) return;
  askedToLast = true;
  const storage = globalThis.navigator?.storage;
  if (!storage || typeof storage.persist !== "function") return;
  Promise.resolve(storage.persisted ? storage.persisted() : false)
    .then((persisted) => persisted || storage.persist())
    .catch(() => {}); // a refusal keeps the answers as they were: best effort
}
