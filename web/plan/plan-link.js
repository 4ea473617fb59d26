// My plan as one link: every questionnaire's own answers after the `#`, which
// browsers never send to a server. Opened elsewhere, it makes the same plan;
// over different saved answers it asks first, at the top of the plan.

import { element } from "../questionnaires/dom.js";
import { moveForward, readVersion, versionOf } from "../questionnaires/versions.js";

const PLAN_PREFIX = "#plan=";
// The engine takes at most 200,000 characters of answers; a link is kept well inside.
const MAX_LINK_CHARS = 100000;
export const DAMAGED_TEXT =
  "This link to a plan is damaged (perhaps cut short when it was copied), so nothing was taken from it. " +
  "Your saved answers are as they were; ask for the link again.";
export const TOO_LARGE_TEXT =
  "This link to a plan is longer than the guide takes, so nothing was taken from it. " +
  "Your saved answers are as they were.";

const isAnswers = (value) => value && typeof value === "object" && !Array.isArray(value);

// Every questionnaire's own answers with the version each was given under:
// what a plan link and an answers file hold.
export function packAnswers(own) {
  const versions = Object.fromEntries(Object.keys(own).map((id) => [id, versionOf(id)]));
  return { versions, answers: own };
}

// {answers, aside} (each by questionnaire ID, moved forward to this release)
// from what packAnswers made, or from a plan link made before versions were
// kept (the answers alone, under version 1); null when it is not that.
export function unpackAnswers(data, knownIds) {
  if (!isAnswers(data)) return null;
  const packed = isAnswers(data.answers) && isAnswers(data.versions);
  const given = packed ? data.answers : data;
  if (!Object.keys(given).length) return null;
  const answers = {};
  const aside = {};
  for (const [id, raw] of Object.entries(given)) {
    if (!knownIds.has(id) || !isAnswers(raw)) return null;
    const moved = moveForward(id, packed ? readVersion(data.versions[id]) : 1, raw);
    answers[id] = moved.answers;
    if (moved.aside.length) aside[id] = moved.aside;
  }
  return { answers, aside };
}

export function planLink(own) {
  return location.origin + location.pathname + PLAN_PREFIX + encodeURIComponent(JSON.stringify(packAnswers(own)));
}

export const linkTooLarge = (link) => link.length > MAX_LINK_CHARS;

// What the address bar's plan link holds: null (none), {error: a reader's
// sentence}, or {answers, aside}: by questionnaire ID, moved to this release.
export function linkedPlan(knownIds) {
  if (!location.hash.startsWith(PLAN_PREFIX)) return null;
  const text = location.hash.slice(PLAN_PREFIX.length);
  if (text.length > MAX_LINK_CHARS) return { error: TOO_LARGE_TEXT };
  let data;
  try {
    data = JSON.parse(decodeURIComponent(text));
  } catch {
    return { error: DAMAGED_TEXT };
  }
  return unpackAnswers(data, knownIds) || { error: DAMAGED_TEXT };
}

// The plan is out of the address bar once the page has read it.
export function forgetLinkedPlan() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

// The choice between a link's plan and the saved one, at the top of the plan,
// focused so that it is heard first; calls useLink() or keepSaved() once.
export function askWhichPlan(root, { useLink, keepSaved }) {
  const title = element("p", { id: "plan-choice-title" }, element("strong", {}, "A plan from a link"));
  const choice = element(
    "div",
    { class: "plan__choice", role: "group", "aria-labelledby": "plan-choice-title", tabindex: "-1", "data-plan-choice": "" },
    title,
    element(
      "p",
      {},
      "The link you opened holds a different plan from the answers saved in this browser. " +
        "Which do you want to keep? Nothing is replaced until you choose.",
    ),
  );
  const button = (label, action) => {
    const node = element("button", { type: "button", class: "md-button" }, label);
    node.addEventListener("click", () => {
      choice.remove();
      action();
    });
    return node;
  };
  choice.append(
    element("p", {}, button("Use the plan from the link", useLink), " ", button("Keep my saved answers", keepSaved)),
  );
  root.prepend(choice);
  choice.focus();
  return choice;
}
