// A reader's answers: read from and written to the form exactly as typed or
// ticked (strings; the engine alone parses numbers and dates), saved in this
// browser's localStorage, and packed into share links after the '#'.

import { answersKey, browserStorage } from "./storage.js";

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

export function savedAnswers(questionnaire) {
  try {
    const saved = JSON.parse(browserStorage().getItem(answersKey(questionnaire)) || "null");
    return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : null;
  } catch {
    return null; // damaged, foreign, or storage refused: nothing saved to read
  }
}

// Saves the answers as typed (blank answers remove the key); false when the
// browser refuses to write (storage full, or blocked for this site).
export function saveAnswers(questionnaire, raw) {
  try {
    if (!raw || !hasAnswers(raw)) browserStorage().removeItem(answersKey(questionnaire));
    else browserStorage().setItem(answersKey(questionnaire), JSON.stringify(raw));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- share links

export function shareLink(questionnaire, raw) {
  const payload = encodeURIComponent(JSON.stringify({ q: questionnaire, a: raw }));
  return location.origin + location.pathname + SHARE_PREFIX + payload;
}

// The answers a share link in the address bar carries for this questionnaire, or null.
export function sharedAnswers(questionnaire) {
  if (!location.hash.startsWith(SHARE_PREFIX)) return null;
  try {
    const data = JSON.parse(decodeURIComponent(location.hash.slice(SHARE_PREFIX.length)));
    const valid = data.q === questionnaire && data.a && typeof data.a === "object";
    return valid && !Array.isArray(data.a) ? data.a : null;
  } catch {
    return null; // A damaged link fills nothing.
  }
}

// Take the answers out of the address bar once the reader has them.
export function forgetSharedAnswers() {
  history.replaceState(history.state, "", location.pathname + location.search);
}
