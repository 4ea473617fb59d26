// A reader's answers: read from and written to the form exactly as typed or
// ticked (strings; the engine alone parses numbers and dates), saved in this
// browser's localStorage, and packed into share links after the '#'.

import { answersKey, browserStorage } from "./storage.js";
import { moveForward, readVersion, versionOf } from "./versions.js";

const SHARE_PREFIX = "#answers=";

export function controlsOf(form, questionId) {
  return Array.from(form.elements).filter((control) => control.name === questionId);
}

// What the reader typed or ticked, as strings (kept verbatim, even if invalid).
export function readRaw(form, definition) {
  const raw = {};
  for (const question of definition.questions) {
    const controls = controlsOf(form, question.id);
    if (question.type === "multichoice") {
      raw[question.id] = controls.filter((c) => c.checked).map((c) => c.value);
    } else if (controls.length && controls[0].type === "radio") {
      const checked = controls.find((c) => c.checked);
      if (checked) raw[question.id] = checked.value;
    } else if (controls.length && controls[0].value !== "") {
      raw[question.id] = controls[0].value;
    }
  }
  return raw;
}

export function writeRaw(form, definition, raw) {
  for (const question of definition.questions) {
    const value = raw[question.id];
    for (const control of controlsOf(form, question.id)) {
      if (control.type === "radio") {
        control.checked = value !== undefined && control.value === String(value);
      } else if (control.type === "checkbox") {
        control.checked = Array.isArray(value) && value.map(String).includes(control.value);
      } else {
        control.value = value === undefined || value === null ? "" : String(value);
      }
    }
  }
}

const isBlank = (value) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);

export function hasAnswers(raw) {
  return Object.values(raw).some((value) => !isBlank(value));
}

// The same answers, whatever the order of keys or the blanks either side keeps.
export function sameAnswers(one, other) {
  const canonical = (raw) =>
    JSON.stringify(
      Object.keys(raw)
        .filter((key) => !isBlank(raw[key]))
        .sort()
        .map((key) => [key, Array.isArray(raw[key]) ? raw[key].map(String) : String(raw[key])]),
    );
  return canonical(one) === canonical(other);
}

// ---------------------------------------------------------------- storage
// A questionnaire's record: {version, answers, aside}. `answers` are those the
// reader gave there, as typed; `aside` those a release left without a
// question or option to hold them (versions.js). A record saved before
// versions were kept is the answers alone, under version 1.

const isObject = (value) => value && typeof value === "object" && !Array.isArray(value);

function asRecord(stored) {
  if (!isObject(stored)) return null;
  if (isObject(stored.answers) && Number.isInteger(stored.version)) {
    const aside = Array.isArray(stored.aside) ? stored.aside.filter(isObject) : [];
    return { version: readVersion(stored.version), answers: stored.answers, aside };
  }
  return { version: 1, answers: stored, aside: [] };
}

// {answers, aside, moved}: what is saved, moved forward to this release
// (`moved`: it was saved under an older one), or null when nothing is.
export function savedRecord(questionnaire) {
  let record;
  try {
    record = asRecord(JSON.parse(browserStorage().getItem(answersKey(questionnaire)) || "null"));
  } catch {
    return null; // damaged, foreign, or storage refused: nothing saved to read
  }
  if (!record) return null;
  const moved = moveForward(questionnaire, record.version, record.answers, record.aside);
  return { ...moved, moved: record.version < versionOf(questionnaire) };
}

export function savedAnswers(questionnaire) {
  return savedRecord(questionnaire)?.answers ?? null;
}

// Saves the answers as typed, under this release's version; null erases them
// and anything set aside, and blank answers with nothing set aside remove the
// key. `aside`: what is set aside now; by default, what was, less the
// questions these answers answer. False when the browser refuses to write
// (storage full, or blocked for this site).
export function saveAnswers(questionnaire, raw, aside = undefined) {
  try {
    if (raw === null) {
      browserStorage().removeItem(answersKey(questionnaire));
      return true;
    }
    const answers = raw;
    const answered = (entry) => !isBlank(answers[entry.question]);
    const keptAside = (aside ?? savedRecord(questionnaire)?.aside ?? []).filter((entry) => !answered(entry));
    if (!hasAnswers(answers) && !keptAside.length) browserStorage().removeItem(answersKey(questionnaire));
    else {
      const record = { version: versionOf(questionnaire), answers };
      if (keptAside.length) record.aside = keptAside;
      browserStorage().setItem(answersKey(questionnaire), JSON.stringify(record));
    }
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- share links

export function shareLink(questionnaire, raw) {
  const payload = encodeURIComponent(JSON.stringify({ q: questionnaire, v: versionOf(questionnaire), a: raw }));
  return location.origin + location.pathname + SHARE_PREFIX + payload;
}

// What a share link in the address bar carries for this questionnaire, moved
// forward from the release that made it: {answers, aside}, or null.
export function sharedAnswers(questionnaire) {
  if (!location.hash.startsWith(SHARE_PREFIX)) return null;
  try {
    const data = JSON.parse(decodeURIComponent(location.hash.slice(SHARE_PREFIX.length)));
    if (data.q !== questionnaire || !isObject(data.a)) return null;
    return moveForward(questionnaire, readVersion(data.v), data.a);
  } catch {
    return null; // A damaged link fills nothing.
  }
}

// Take the answers out of the address bar once the reader has them.
export function forgetSharedAnswers() {
  history.replaceState(history.state, "", location.pathname + location.search);
}
