// "Print or save my plan": the reader's answers and their current result on
// paper, and nothing else of the page. A result the answers no longer match
// is never printed.

import { element } from "./dom.js";

function describeAnswer(question, value) {
  if (question.options) {
    const pick = (v) => (question.options.find((o) => String(o.value) === String(v)) || { label: v }).label;
    return Array.isArray(value) ? value.map(pick).join("; ") || "none" : pick(value);
  }
  return `${value}${question.unit ? ` ${question.unit}` : ""}`;
}

function answerList(definition, raw) {
  const answers = element("dl", { class: "plan__answers" });
  for (const question of definition.questions) {
    const value = raw[question.id];
    if (value === undefined || (Array.isArray(value) && !value.length && question.type !== "multichoice")) continue;
    answers.append(element("dt", {}, question.label), element("dd", {}, describeAnswer(question, value)));
  }
  return answers;
}

// region: the result region, when it shows a result that matches the answers;
// otherwise null, and `why` says why there is none.
function resultCopy(region, why) {
  if (!region) return element("p", {}, why);
  const copy = region.cloneNode(true);
  copy.querySelectorAll("button, a[download], .result__to-triage").forEach((node) => node.remove());
  // On paper a link is its words: "See: <heading>" becomes the section's name.
  for (const advice of copy.querySelectorAll(".result__advice")) {
    const titles = Array.from(advice.querySelectorAll("a"), (link) => `“${link.textContent}”`);
    advice.replaceWith(`(in the guide: ${titles.join("; ")})`);
  }
  // A copy on paper, not a second live result region.
  copy.removeAttribute("aria-live");
  copy.removeAttribute("data-result");
  return copy;
}

export function printPlan({ root, definition, raw, region, why }) {
  const plan = element(
    "section",
    { class: "questionnaire__plan", "data-plan": "" },
    element("h2", {}, `My plan: ${definition.title}`),
    element("p", {}, `Made on ${new Date().toISOString().slice(0, 10)} with “${document.title}”.`),
    element("h3", {}, "My answers"),
    answerList(definition, raw),
    element("h3", {}, "My result"),
    resultCopy(region, why),
  );
  root.querySelector("[data-plan]")?.remove();
  root.append(plan);
  document.body.dataset.printing = "plan";
  root.dataset.printPlan = "";
  const done = () => {
    delete document.body.dataset.printing;
    delete root.dataset.printPlan;
    plan.remove();
  };
  window.addEventListener("afterprint", done, { once: true });
  window.print();
}
