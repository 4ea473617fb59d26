// Answers kept per answer, so two tabs agree, and an erase in one is not
// undone by the other; facts carried over, never saved; a link's answers
// bounded by their questions.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { fakeForm, installBrowser } from "./fakes.mjs";

installBrowser();
const { changedAnswers, keepAnswers, mergeAnswers, onAnswersElsewhere } = await import(
  "../../web/questionnaires/kept-answers.js"
);
const { saveAnswers, savedAnswers } = await import("../../web/questionnaires/answers.js");
const { carriedInto, carryOver, ownAnswers, takeAsOwn } = await import("../../web/questionnaires/carried.js");
const { boundedAnswers } = await import("../../web/questionnaires/shared-link.js");
const { answersKey, browserStorage } = await import("../../web/questionnaires/storage.js");

beforeEach(() => installBrowser());

const IDS = ["offer_fit", "runway_months", "decision_weeks"];

test("only the answers that differ are changes, blanks and all", () => {
  assert.deepEqual(changedAnswers({ offer_fit: "2", runway_months: "" }, { offer_fit: "2" }, IDS), []);
  assert.deepEqual(changedAnswers({ offer_fit: "2" }, { offer_fit: "5", decision_weeks: "3" }, IDS), [
    "offer_fit",
    "decision_weeks",
  ]);
  assert.deepEqual(changedAnswers({ offer_fit: "2" }, {}, IDS), ["offer_fit"]);
});

test("a save lays this tab's changes over what another tab saved", () => {
  const stored = { offer_fit: "5", runway_months: "3" }; // tab A set offer_fit 5
  const before = { offer_fit: "2", runway_months: "3" }; // what tab B last read
  const after = { offer_fit: "2", runway_months: "6" }; // tab B changed the runway
  assert.deepEqual(mergeAnswers(stored, before, after, IDS), { offer_fit: "5", runway_months: "6" });
});

test("a save drops answers to no question, and a cleared answer", () => {
  const stored = { offer_fit: "5", gone: "x" };
  assert.deepEqual(mergeAnswers(stored, { offer_fit: "5" }, {}, IDS), {});
});

test("two tabs each keep their own change", () => {
  saveAnswers("triage", { offer_fit: "2", runway_months: "3" });
  const read = savedAnswers("triage");
  const a = keepAnswers("triage", read, { ...read, offer_fit: "5" }, IDS);
  const b = keepAnswers("triage", read, { ...read, runway_months: "6" }, IDS);
  assert.ok(a.ok && b.ok);
  assert.deepEqual(savedAnswers("triage"), { offer_fit: "5", runway_months: "6" });
  assert.deepEqual(b.kept, { offer_fit: "5", runway_months: "6" }, "the next change is measured from this");
});

test("after an erase elsewhere, a tab that has heard it saves only its next answer", () => {
  saveAnswers("triage", { offer_fit: "2", runway_months: "3" });
  const read = savedAnswers("triage");
  saveAnswers("triage", null); // "Erase my answers" in the other tab
  const heard = savedAnswers("triage") || {}; // what this tab's form now shows
  assert.deepEqual(heard, {});
  keepAnswers("triage", heard, { decision_weeks: "4" }, IDS);
  assert.deepEqual(savedAnswers("triage"), { decision_weeks: "4" });
  // Had it not heard, its stale form would bring the erased answers back.
  saveAnswers("triage", null);
  keepAnswers("triage", {}, { ...read, decision_weeks: "4" }, IDS);
  assert.deepEqual(savedAnswers("triage"), { ...read, decision_weeks: "4" });
});

test("nothing changed, nothing written", () => {
  let writes = 0;
  const setItem = localStorage.setItem.bind(localStorage);
  localStorage.setItem = (key, value) => (writes++, setItem(key, value));
  assert.deepEqual(keepAnswers("triage", {}, {}, IDS), { kept: {}, ok: true });
  assert.equal(writes, 0);
});

test("a refused write says so and keeps the changes to try again", () => {
  localStorage.setItem = () => {
    throw new Error("QuotaExceededError");
  };
  const result = keepAnswers("triage", {}, { offer_fit: "4" }, IDS);
  assert.deepEqual(result, { kept: {}, ok: false });
});

test("storage the browser blocks reads as nothing and refuses writes", (t) => {
  t.after(() => Object.defineProperty(globalThis, "localStorage", { configurable: true, writable: true, value: null }));
  Object.defineProperty(globalThis, "localStorage", {
    configurable: true,
    get() {
      throw new Error("SecurityError");
    },
  });
  assert.equal(browserStorage(), null);
  assert.equal(savedAnswers("triage"), null);
  assert.equal(saveAnswers("triage", { offer_fit: "4" }), false);
  assert.equal(keepAnswers("triage", {}, { offer_fit: "4" }, IDS).ok, false);
});

test("the browser is asked at most once a page to keep the guide's storage", async () => {
  let asked = 0;
  Object.defineProperty(globalThis, "navigator", {
    configurable: true,
    value: { storage: { persisted: async () => false, persist: async () => ++asked } },
  });
  // A fresh copy of the module: a page that has not asked yet.
  const { askToKeepStorage } = await import(`../../web/questionnaires/storage.js?page=${Date.now()}`);
  askToKeepStorage();
  askToKeepStorage();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(asked, 1);
});

test("another tab's change to saved answers is heard, by questionnaire", () => {
  const target = new EventTarget();
  globalThis.addEventListener = target.addEventListener.bind(target);
  globalThis.removeEventListener = target.removeEventListener.bind(target);
  const heard = [];
  const stop = onAnswersElsewhere((questionnaire) => heard.push(questionnaire));
  const storageEvent = (key) => Object.assign(new Event("storage"), { key });
  target.dispatchEvent(storageEvent(answersKey("decline-plan")));
  target.dispatchEvent(storageEvent("offer-guide:tasks:/"));
  target.dispatchEvent(storageEvent(null));
  stop();
  target.dispatchEvent(storageEvent(answersKey("triage")));
  assert.deepEqual(heard, ["decline-plan", null]);
});

// ---------------------------------------------------------------- carried, never saved

const shares = {
  your_name: [
    { questionnaire: "triage", question: "your_name", title: "Triage" },
    { questionnaire: "decline", question: "your_name", title: "Decline plan" },
  ],
};
const decline = {
  id: "decline",
  questions: [
    { id: "your_name", type: "text", max_length: 80 },
    { id: "reason", type: "text", max_length: 80 },
  ],
};
const declineForm = () => fakeForm([{ name: "your_name" }, { name: "reason" }]);
const nameOn = (form) => form.elements.find((control) => control.name === "your_name").value;

test("a carried fact is offered from its source, and is not the reader's answer", () => {
  saveAnswers("triage", { your_name: "Kim Lee" });
  const form = declineForm();
  const carried = carryOver(form, decline, shares);
  assert.equal(nameOn(form), "Kim Lee");
  assert.deepEqual([...carried], ["your_name"]);
  assert.deepEqual(ownAnswers({ your_name: "Kim Lee", reason: "pay" }, carried), { reason: "pay" });
});

test("a carried fact follows its source, and goes when the source does", () => {
  saveAnswers("triage", { your_name: "Kim Lee" });
  const form = declineForm();
  const carried = carryOver(form, decline, shares);
  saveAnswers("triage", { your_name: "Kimberly Lee" });
  carryOver(form, decline, shares, carried);
  assert.equal(nameOn(form), "Kimberly Lee");
  assert.ok(carried.has("your_name"));
  saveAnswers("triage", null);
  carryOver(form, decline, shares, carried);
  assert.equal(nameOn(form), "");
  assert.equal(carried.size, 0);
});

test("a carried fact the reader changes is theirs, and stays when the source changes", () => {
  saveAnswers("triage", { your_name: "Kim Lee" });
  const form = declineForm();
  const carried = carryOver(form, decline, shares);
  form.elements[0].value = "K. Lee";
  takeAsOwn(form, "your_name", carried);
  saveAnswers("triage", { your_name: "Kimberly Lee" });
  carryOver(form, decline, shares, carried);
  assert.equal(nameOn(form), "K. Lee");
});

test("My plan carries a fact only into a questionnaire's blank answers", () => {
  saveAnswers("triage", { your_name: "Kim Lee" });
  assert.deepEqual(carriedInto("decline", { reason: "pay" }, shares), {
    your_name: { value: "Kim Lee", title: "Triage" },
  });
  assert.deepEqual(carriedInto("decline", { your_name: "K. Lee" }, shares), {});
  assert.equal(localStorage.getItem(answersKey("decline")), null, "nothing carried is saved");
});

// ---------------------------------------------------------------- a link's answers, bounded

test("a link's text answer longer than its question takes is left out, the rest kept", () => {
  const definition = {
    questions: [
      { id: "company", type: "text", max_length: 10 },
      { id: "name", type: "text", max_length: 5 },
      { id: "fit", type: "integer" },
    ],
  };
  const shared = { company: "x".repeat(210_000), name: "  Zoë  ", fit: "3" };
  assert.deepEqual(boundedAnswers(definition, shared), {
    answers: { name: "  Zoë  ", fit: "3" },
    refused: ["company"],
  });
  // Counted as the engine counts: code points, not UTF-16 units.
  assert.deepEqual(boundedAnswers(definition, { name: "😀😀😀😀😀" }).refused, []);
  assert.deepEqual(boundedAnswers(definition, { name: "abcdef" }).refused, ["name"]);
});

test("a carried fact its question cannot take is not offered", () => {
  saveAnswers("triage", { your_name: "x".repeat(500) });
  const form = declineForm();
  const carried = carryOver(form, decline, shares);
  assert.equal(nameOn(form), "");
  assert.equal(carried.size, 0);
});
