// Answers given once: shared facts carried into other questionnaires, and a
// value one questionnaire hands another, filled in once there.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { fakeForm, installBrowser } from "./fakes.mjs";

installBrowser();
const { carryOver, handOff, receiveHandOff } = await import("../../web/questionnaires/carried.js");
const { saveAnswers } = await import("../../web/questionnaires/answers.js");
const { handOffKey } = await import("../../web/questionnaires/storage.js");

beforeEach(() => installBrowser());

const triage = { id: "triage", questions: [{ id: "offer_fit", type: "integer" }, { id: "runway", type: "number", shares: "runway_months" }] };
const shares = { runway_months: [{ questionnaire: "triage", question: "runway", title: "Triage" }, { questionnaire: "risk", question: "months", title: "Risk check" }] };

function triageForm() {
  return fakeForm([
    ...[1, 2, 3, 4, 5].map((value) => ({ name: "offer_fit", type: "radio", value: String(value) })),
    { name: "runway", value: "" },
  ]);
}

test("a handed-on value is filled in once, then forgotten", () => {
  handOff("triage", "offer_fit", 4);
  assert.equal(localStorage.getItem(handOffKey("triage")), '{"offer_fit":"4"}');
  const form = triageForm();
  receiveHandOff(form, triage);
  assert.ok(form.elements.find((c) => c.value === "4").checked);
  assert.equal(localStorage.getItem(handOffKey("triage")), null);
  const again = triageForm();
  receiveHandOff(again, triage);
  assert.ok(!again.elements.some((c) => c.checked));
});

test("a handed-on value no option takes fills nothing", () => {
  handOff("triage", "offer_fit", 9);
  const form = triageForm();
  receiveHandOff(form, triage);
  assert.ok(!form.elements.some((c) => c.checked));
});

test("a shared fact given elsewhere fills the empty question", () => {
  saveAnswers("risk", { months: "6" });
  const form = triageForm();
  carryOver(form, triage, shares);
  assert.equal(form.elements.find((c) => c.name === "runway").value, "6");
});

test("a shared fact never overwrites what the reader typed", () => {
  saveAnswers("risk", { months: "6" });
  const form = triageForm();
  form.elements.find((c) => c.name === "runway").value = "2";
  carryOver(form, triage, shares);
  assert.equal(form.elements.find((c) => c.name === "runway").value, "2");
});

test("a blank elsewhere carries nothing", () => {
  saveAnswers("risk", { months: "  " });
  const form = triageForm();
  carryOver(form, triage, shares);
  assert.equal(form.elements.find((c) => c.name === "runway").value, "");
});
