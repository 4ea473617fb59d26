// The form's questions as the reader sees them: which controls answer which
// question, where each question's error goes, and the problems the page can
// see before the engine does. Every element is found through the ids the build
// wrote (aria-describedby, label for=), never through ids rebuilt here.

import { controlsOf } from "./answers.js";
import { element } from "./dom.js";

// A form keeps the page contract when every question has a control named by
// its ID. A copy that renamed them (the print-site plugin's one-page guide)
// is a worksheet, not a questionnaire to bring to life.
export function keepsContract(form, definition) {
  return definition.questions.every((question) => controlsOf(form, question.id).length > 0);
}

export function labelsOf(definition) {
  return Object.fromEntries(definition.questions.map((question) => [question.id, question.label]));
}

// The element that describes the question's control (the control itself, or
// its fieldset), and among its descriptions the one kept for errors.
function errorSlot(form, questionId) {
  const control = controlsOf(form, questionId)[0];
  const described = control && control.closest("[aria-describedby]");
  if (!described) return null;
  for (const id of described.getAttribute("aria-describedby").split(/\s+/)) {
    const node = form.querySelector(`#${CSS.escape(id)}`);
    if (node && node.hasAttribute("data-field-error")) return node;
  }
  return null;
}

export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll("[data-field-error]")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

// Shows the message beside the question; false if the question has no error slot.
export function showFieldError(form, questionId, message) {
  for (const control of controlsOf(form, questionId)) control.setAttribute("aria-invalid", "true");
  const slot = errorSlot(form, questionId);
  if (!slot) return false;
  slot.textContent = message;
  slot.hidden = false;
  return true;
}

// Whether a text answer fits its question as the engine counts it (code
// points, after trimming; anything far over is refused unread, as there).
// Other answers are the engine's to judge.
export function fitsQuestion(question, value) {
  if (question.type !== "text" || typeof value !== "string") return true;
  if (value.length > 2 * question.max_length + 16) return false;
  return [...value.replace(/\r\n?/g, "\n").trim()].length <= question.max_length;
}

// What the browser knows is wrong but cannot hand over: a date picker holding
// half a date has the value "" (as if unanswered). {question, message} or null.
export function pageProblem(form, definition) {
  for (const question of definition.questions) {
    const incomplete = controlsOf(form, question.id).some((control) => control.validity.badInput);
    if (!incomplete) continue;
    const message = question.type === "date"
      ? `Enter the whole date: day, month and year (${localDateFormat()}).`
      : "Finish this answer, or clear it.";
    return { question: question.id, message };
  }
  return null;
}

// The order the date picker shows in this browser's language, e.g. DD/MM/YYYY.
export function localDateFormat() {
  const format = new Intl.DateTimeFormat(undefined, { day: "2-digit", month: "2-digit", year: "numeric" });
  const names = { day: "DD", month: "MM", year: "YYYY" };
  return format
    .formatToParts(new Date(2026, 10, 23))
    .map((part) => names[part.type] || part.value)
    .join("");
}

// The build labels date questions with YYYY-MM-DD, what a browser without a
// date picker needs; where the picker is there, say the format it shows.
export function showDateFormats(form) {
  for (const input of form.querySelectorAll('input[type="date"]')) {
    for (const label of input.labels) {
      const hint = label.querySelector("[data-date-format]");
      if (hint) hint.textContent = `(${localDateFormat()})`;
    }
  }
}

// A note kept beside a question (what carried its answer over, why a link's
// answer was left out), unlike the error slot, which every evaluation clears.
// `kind` names the note's data attribute; one note of a kind per question.
export function showNote(form, questionId, kind, text) {
  const control = controlsOf(form, questionId)[0];
  const box = control && control.closest(".question");
  if (!box) return;
  box.querySelector(`[data-${kind}]`)?.remove();
  box.append(element("p", { class: `question__${kind}`, [`data-${kind}`]: questionId }, text));
}

export function removeNote(form, questionId, kind) {
  const control = controlsOf(form, questionId)[0];
  control?.closest(".question")?.querySelector(`[data-${kind}]`)?.remove();
}
