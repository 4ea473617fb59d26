// Answers outlive a release: saved under an older version, they move forward
// as the definition declares, and what cannot move is set aside, never lost.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { installBrowser } from "./fakes.mjs";

installBrowser();
const answers = await import("../../web/questionnaires/answers.js");
const { answersKey } = await import("../../web/questionnaires/storage.js");
const { fitting, learnVersions, moveForward } = await import("../../web/questionnaires/versions.js");

// Version 2 renamed homework's "done" to "thorough"; version 3 renamed
// `runway` to `runway_months` and stopped asking `bonus`.
learnVersions({
  triage: {
    version: 3,
    moves: [
      { to: 2, questions: {}, values: { homework: { done: "thorough" } }, removed: [] },
      {
        to: 3,
        questions: { runway: "runway_months" },
        values: {},
        removed: [{ id: "bonus", label: "Is there a signing bonus?" }],
      },
    ],
  },
});
const TRIAGE = {
  id: "triage",
  questions: [
    { id: "homework", label: "Have you researched the employer?", options: [{ value: "thorough" }, { value: "partly" }] },
    { id: "runway_months", label: "How many months could you live on savings?" },
    { id: "ticks", label: "Which apply?", options: [{ value: "a" }, { value: "b" }] },
  ],
};

beforeEach(() => installBrowser());

test("answers from two releases ago move forward, and the removed one is set aside", () => {
  const moved = moveForward("triage", 1, { homework: "done", runway: "4", bonus: "yes" });
  assert.deepEqual(moved.answers, { homework: "thorough", runway_months: "4" });
  assert.deepEqual(moved.aside, [{ question: "bonus", label: "Is there a signing bonus?", value: "yes" }]);
});

test("answers of the current version, or of a questionnaire with no moves, stay as they are", () => {
  assert.deepEqual(moveForward("triage", 3, { homework: "done" }).answers, { homework: "done" });
  assert.deepEqual(moveForward("other", 1, { a: "1" }), { answers: { a: "1" }, aside: [] });
});

test("a saved record from before versions were kept reads as version 1 and moves", () => {
  localStorage.setItem(answersKey("triage"), JSON.stringify({ homework: "done", bonus: "no" }));
  const record = answers.savedRecord("triage");
  assert.equal(record.moved, true);
  assert.deepEqual(record.answers, { homework: "thorough" });
  assert.equal(record.aside[0].question, "bonus");
});

test("what is set aside is kept with the next save until that question is answered", () => {
  answers.saveAnswers("triage", { homework: "partly" }, [
    { question: "runway_months", label: "How many months?", value: "x" },
    { question: "bonus", label: "Is there a signing bonus?", value: "yes" },
  ]);
  answers.saveAnswers("triage", { homework: "partly", runway_months: "6" });
  const stored = JSON.parse(localStorage.getItem(answersKey("triage")));
  assert.equal(stored.version, 3);
  assert.deepEqual(stored.aside.map((entry) => entry.question), ["bonus"]);
  // Something set aside alone still keeps the record; erasing drops it all.
  answers.saveAnswers("triage", {});
  assert.ok(localStorage.getItem(answersKey("triage")));
  answers.saveAnswers("triage", null);
  assert.equal(localStorage.getItem(answersKey("triage")), null);
});

test("a share link from an older release moves forward", () => {
  location.hash = "#answers=" + encodeURIComponent(JSON.stringify({ q: "triage", a: { homework: "done", bonus: "no" } }));
  const shared = answers.sharedAnswers("triage");
  assert.deepEqual(shared.answers, { homework: "thorough" });
  assert.equal(shared.aside[0].label, "Is there a signing bonus?");
  const link = answers.shareLink("triage", { homework: "partly" });
  assert.equal(JSON.parse(decodeURIComponent(new URL(link).hash.slice(9))).v, 3);
});

test("an answer no option or question holds any more is set aside with its question's label", () => {
  const { answers: fits, aside } = fitting(TRIAGE, { homework: "done", runway_months: "5", ticks: ["a", "z"], gone: "1" });
  assert.deepEqual(fits, { runway_months: "5", ticks: ["a"] });
  assert.deepEqual(aside, [
    { question: "homework", label: "Have you researched the employer?", value: "done" },
    { question: "ticks", label: "Which apply?", value: ["z"] },
    { question: "gone", label: null, value: "1" },
  ]);
});
