// Answers a release could not move forward (versions.js), shown to the reader
// rather than lost: beside its question when the question is still asked (its
// old value is no longer an option), otherwise in one note at the top of the
// form with a way to let them go. They stay saved until the reader answers
// that question again, lets them go, or erases their answers.

import { element } from "./dom.js";
import { removeNote, showNote } from "./fields.js";
import { shownValue } from "./versions.js";

const ASIDE = "aside";
export const NO_LONGER_FITS = "This answer no longer fits the questionnaire:";

const asked = (definition) => new Set(definition.questions.map((question) => question.id));

function besideQuestion(entry) {
  return (
    `${NO_LONGER_FITS} you had “${shownValue(entry.value)}” here, which it no longer offers. ` +
    "Choose again; your old answer is kept until you do."
  );
}

function noLongerAsked(entry) {
  const question = entry.label ? `“${entry.label}”` : "a question";
  return `you answered “${shownValue(entry.value)}” to ${question}, which it no longer asks.`;
}

// Shows `aside` on the form (none: takes every note away). `letGo()` is
// called when the reader lets the answers to questions no longer asked go.
export function showAside(form, definition, aside, letGo) {
  const questions = asked(definition);
  for (const id of questions) removeNote(form, id, ASIDE);
  form.querySelector("[data-aside-box]")?.remove();
  const gone = aside.filter((entry) => !questions.has(entry.question));
  for (const entry of aside.filter((one) => questions.has(one.question))) {
    showNote(form, entry.question, ASIDE, besideQuestion(entry));
  }
  if (!gone.length) return;
  const one = gone.length === 1;
  const button = element("button", { type: "button", class: "md-button" }, one ? "Let it go" : "Let them go");
  const box = element(
    "div",
    { class: "questionnaire__aside", "data-aside-box": "", role: "note" },
    ...gone.map((entry) => element("p", {}, `${NO_LONGER_FITS} ${noLongerAsked(entry)}`)),
    element(
      "p",
      {},
      one ? "It is kept here in case you need it; nothing else uses it. " : "They are kept here in case you need them; nothing else uses them. ",
      button,
    ),
  );
  button.addEventListener("click", () => {
    box.remove();
    letGo();
  });
  form.querySelector(".questionnaire__privacy").after(box);
}

// The reader answered the question again: its old answer's note is past.
export const forgetAside = (form, questionId) => removeNote(form, questionId, ASIDE);
