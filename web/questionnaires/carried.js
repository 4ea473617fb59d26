// Answers given once: a fact typed in one questionnaire (your name, your
// runway, the company...) is offered in every other questionnaire whose
// question shares it, marked as carried over, and never over what the reader
// typed there. Everything stays in this browser's storage.
//
// The offer check can also hand its score to the triage: a link that notes the
// value on this device, then opens the triage, which fills it in once.

import { controlsOf, readRaw, savedAnswers } from "./answers.js";
import { element } from "./dom.js";
import { handOffKey } from "./storage.js";

function storedValue(questionnaire, question) {
  const saved = savedAnswers(questionnaire);
  const value = saved ? saved[question] : undefined;
  return typeof value === "string" && value.trim() ? value : null;
}

// Where a shared fact was last given elsewhere: {value, title} or null.
function givenElsewhere(shares, share, here) {
  for (const place of shares[share] || []) {
    if (place.questionnaire === here) continue;
    const value = storedValue(place.questionnaire, place.question);
    if (value !== null) return { value, title: place.title };
  }
  return null;
}

function mark(form, question, text) {
  const control = controlsOf(form, question.id)[0];
  const box = control && control.closest(".question");
  if (!box) return;
  box.querySelector("[data-carried]")?.remove();
  const note = element("p", { class: "question__carried", "data-carried": question.id }, text);
  box.append(note);
  // Typing here makes it the reader's own answer: the mark goes.
  const forget = () => note.remove();
  control.addEventListener("input", forget, { once: true });
  control.addEventListener("change", forget, { once: true });
}

function fill(form, question, value) {
  const controls = controlsOf(form, question.id);
  if (!controls.length) return false;
  if (controls[0].type === "radio") {
    const option = controls.find((control) => control.value === String(value));
    if (!option) return false;
    option.checked = true;
  } else {
    controls[0].value = String(value);
  }
  return true;
}

// Fills the empty questions that share a fact given in another questionnaire.
export function carryOver(form, definition, shares) {
  const raw = readRaw(form, definition);
  for (const question of definition.questions) {
    if (!question.shares || raw[question.id] !== undefined) continue;
    const given = givenElsewhere(shares || {}, question.shares, definition.id);
    if (given && fill(form, question, given.value)) {
      mark(form, question, `Carried over from “${given.title}”. Change it here if it differs.`);
    }
  }
}

// The offer check's score, handed to the triage as its answer to offer_fit.
export function handOff(questionnaire, question, value) {
  try {
    localStorage.setItem(handOffKey(questionnaire), JSON.stringify({ [question]: String(value) }));
  } catch {
    // Without storage the link still opens the triage; the reader picks the value.
  }
}

export function receiveHandOff(form, definition) {
  let handed = null;
  try {
    handed = JSON.parse(localStorage.getItem(handOffKey(definition.id)) || "null");
    localStorage.removeItem(handOffKey(definition.id));
  } catch {
    return;
  }
  if (!handed || typeof handed !== "object") return;
  for (const question of definition.questions) {
    if (question.id in handed && fill(form, question, handed[question.id])) {
      mark(form, question, "Filled in from your score in the offer check.");
    }
  }
}
