// A questionnaire's answers kept in this browser per answer, not per form, so
// two tabs agree: a tab writes only the answers it changed since it last
// read or wrote them, over whatever is saved by then, and hears (the
// `storage` event) when another tab changes or erases them.

import { hasAnswers, sameAnswers, saveAnswers, savedAnswers } from "./answers.js";
import { askToKeepStorage, questionnaireOfKey } from "./storage.js";

const answerOf = (raw, id) => (raw && raw[id] !== undefined ? { [id]: raw[id] } : {});

// The questions (of `questionIds`) whose answer differs between two sets.
export function changedAnswers(before, after, questionIds) {
  return questionIds.filter((id) => !sameAnswers(answerOf(before, id), answerOf(after, id)));
}

// What to save: the saved answers, with this tab's changes (from `before` to
// `after`) laid over them, answer by answer; answers to no question are dropped.
export function mergeAnswers(stored, before, after, questionIds) {
  const merged = {};
  for (const id of questionIds) if (stored && stored[id] !== undefined) merged[id] = stored[id];
  for (const id of changedAnswers(before, after, questionIds)) {
    if (after && after[id] !== undefined) merged[id] = after[id];
    else delete merged[id];
  }
  return merged;
}

// Keeps this tab's changes. {kept, ok}: `kept` is what is now saved (what the
// next changes are measured from), or `before` again when the browser refused
// to write, so the changes are tried again with the next answer.
export function keepAnswers(questionnaire, before, after, questionIds) {
  if (!changedAnswers(before, after, questionIds).length) return { kept: before, ok: true };
  const merged = mergeAnswers(savedAnswers(questionnaire), before, after, questionIds);
  if (!saveAnswers(questionnaire, merged)) return { kept: before, ok: false };
  if (hasAnswers(merged)) askToKeepStorage();
  return { kept: merged, ok: true };
}

// Calls changed(questionnaire) when another tab changes a questionnaire's
// saved answers, changed(null) when it clears the whole storage. Returns
// what stops listening.
export function onAnswersElsewhere(changed) {
  const heard = (event) => {
    if (event.key === null) return changed(null);
    const questionnaire = questionnaireOfKey(event.key);
    if (questionnaire !== null) changed(questionnaire);
  };
  window.addEventListener("storage", heard);
  return () => window.removeEventListener("storage", heard);
}
