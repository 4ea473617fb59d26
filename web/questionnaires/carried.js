// Answers given once: a fact typed in one questionnaire (your name, your
// runway, the company...) is offered in every other questionnaire whose
// question shares it, marked as carried over. A carried value is never saved
// as that questionnaire's answer: it is worked out again from its source each
// time, so it follows the source when the reader corrects it there. Once the
// reader changes it here, it is theirs.
//
// The offer check can also hand its score to the triage: a link that notes the
// value on this device, then opens the triage, which fills it in once.

import { controlsOf, readRaw, savedAnswers } from "./answers.js";
import { fitsQuestion, removeNote, showNote } from "./fields.js";
import { browserStorage, handOffKey } from "./storage.js";

const CARRIED = "carried";

const isGiven = (value) => typeof value === "string" && value.trim() !== "";

// The facts carried into `questionnaire` for the questions its own answers
// (`own`) leave blank: {question ID: {value, title of the questionnaire it
// comes from}}. `shares` is {fact: [{questionnaire, question, title}]}, in
// the guide's order; the first questionnaire that answered the fact itself
// gives it. Only saved answers count, and they never hold carried values.
export function carriedInto(questionnaire, own, shares) {
  const carried = {};
  for (const places of Object.values(shares || {})) {
    for (const here of places.filter((place) => place.questionnaire === questionnaire)) {
      if (own && isGiven(own[here.question])) continue;
      for (const place of places) {
        if (place.questionnaire === questionnaire) continue;
        const value = (savedAnswers(place.questionnaire) || {})[place.question];
        if (!isGiven(value)) continue;
        carried[here.question] = { value, title: place.title };
        break;
      }
    }
  }
  return carried;
}

// The reader's own answers on a form whose `carried` questions show carried values.
export function ownAnswers(raw, carried) {
  return Object.fromEntries(Object.entries(raw).filter(([id]) => !carried.has(id)));
}

function fill(form, questionId, value) {
  const controls = controlsOf(form, questionId);
  if (!controls.length) return false;
  if (controls[0].type === "radio") {
    const option = controls.find((control) => control.value === String(value));
    if (!option) return false;
    for (const control of controls) control.checked = control === option;
  } else {
    controls[0].value = String(value);
  }
  return true;
}

function withdraw(form, questionId, carried) {
  for (const control of controlsOf(form, questionId)) {
    if (control.type === "radio" || control.type === "checkbox") control.checked = false;
    else control.value = "";
  }
  removeNote(form, questionId, CARRIED);
  carried.delete(questionId);
}

// Offers, in the questions the reader has not answered here, each fact given
// in another questionnaire; updates those already carried and withdraws those
// whose source is gone. `carried` is the set of question IDs showing carried
// values, kept by the caller and returned.
export function carryOver(form, definition, shares, carried = new Set()) {
  const offered = carriedInto(definition.id, ownAnswers(readRaw(form, definition), carried), shares);
  for (const questionId of [...carried]) if (!(questionId in offered)) withdraw(form, questionId, carried);
  const questions = Object.fromEntries(definition.questions.map((question) => [question.id, question]));
  for (const [questionId, given] of Object.entries(offered)) {
    // A value this question cannot take is not offered (its source says what is wrong).
    if (!fitsQuestion(questions[questionId], given.value) || !fill(form, questionId, given.value)) {
      if (carried.has(questionId)) withdraw(form, questionId, carried);
      continue;
    }
    carried.add(questionId);
    showNote(form, questionId, CARRIED, `Carried over from “${given.title}”. Change it here if it differs.`);
  }
  return carried;
}

// The reader answered `questionId` here: it is their own now, note and all.
export function takeAsOwn(form, questionId, carried) {
  carried.delete(questionId);
  removeNote(form, questionId, CARRIED);
}

// Every carried value off the form (its answers are about to be replaced).
export function forgetCarried(form, carried) {
  for (const questionId of [...carried]) takeAsOwn(form, questionId, carried);
}

// The offer check's score, handed to the triage as its answer to offer_fit.
export function handOff(questionnaire, question, value) {
  try {
    browserStorage().setItem(handOffKey(questionnaire), JSON.stringify({ [question]: String(value) }));
  } catch {
    // Without storage the link still opens the triage; the reader picks the value.
  }
}

// Fills in what was handed on, once. The reader asked for it (the offer
// check's link), so it is their answer, kept like one they ticked.
export function receiveHandOff(form, definition) {
  let handed = null;
  try {
    handed = JSON.parse(browserStorage().getItem(handOffKey(definition.id)) || "null");
    browserStorage().removeItem(handOffKey(definition.id));
  } catch {
    return;
  }
  if (!handed || typeof handed !== "object") return;
  for (const question of definition.questions) {
    if (question.id in handed && fill(form, question.id, handed[question.id])) {
      showNote(form, question.id, CARRIED, "Filled in from your score in the offer check.");
    }
  }
}
