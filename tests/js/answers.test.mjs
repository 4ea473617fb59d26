// The reader's answers: compared, saved in this browser, carried in share links.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { fakeForm, installBrowser } from "./fakes.mjs";

installBrowser();
const answers = await import("../../web/questionnaires/answers.js");
const { answersKey, GUIDE_PREFIX } = await import("../../web/questionnaires/storage.js");

beforeEach(() => installBrowser());

test("every key the guide keeps starts with the guide's prefix", () => {
  assert.equal(answersKey("offer-check"), "offer-guide:answers:offer-check");
  assert.ok(answersKey("x").startsWith(GUIDE_PREFIX));
});

test("answers are the same whatever the order of keys or the blanks kept", () => {
  assert.ok(answers.sameAnswers({ a: "1", b: ["x", "y"], c: "" }, { b: ["x", "y"], a: 1 }));
  assert.ok(!answers.sameAnswers({ a: "1" }, { a: "2" }));
  assert.ok(!answers.sameAnswers({ b: ["x", "y"] }, { b: ["y", "x"] }));
});

test("blank answers are no answers", () => {
  assert.ok(!answers.hasAnswers({ a: "", b: [], c: null }));
  assert.ok(answers.hasAnswers({ a: "", b: ["x"] }));
});

test("answers are saved as typed, and erased when blank", () => {
  answers.saveAnswers("offer-check", { fit: "3" });
  assert.equal(localStorage.getItem("offer-guide:answers:offer-check"), '{"version":1,"answers":{"fit":"3"}}');
  assert.deepEqual(answers.savedAnswers("offer-check"), { fit: "3" });
  answers.saveAnswers("offer-check", { fit: "" });
  assert.equal(localStorage.getItem("offer-guide:answers:offer-check"), null);
});

test("damaged or foreign storage reads as nothing saved", () => {
  localStorage.setItem(answersKey("a"), "{not json");
  localStorage.setItem(answersKey("b"), "[1, 2]");
  localStorage.setItem(answersKey("c"), '"text"');
  for (const id of ["a", "b", "c", "missing"]) assert.equal(answers.savedAnswers(id), null);
});

test("storage that refuses to write leaves the form working", () => {
  localStorage.setItem = () => {
    throw new Error("QuotaExceededError");
  };
  assert.doesNotThrow(() => answers.saveAnswers("x", { a: "1" }));
});

test("a share link carries the answers after the # and only for its questionnaire", () => {
  const link = answers.shareLink("follow-up-plan", { contact_name: "Zoë" });
  assert.ok(link.startsWith("https://guide.example/waiting/#answers="));
  location.hash = new URL(link).hash;
  assert.deepEqual(answers.sharedAnswers("follow-up-plan"), { answers: { contact_name: "Zoë" }, aside: [] });
  assert.equal(answers.sharedAnswers("offer-check"), null);
  answers.forgetSharedAnswers();
  assert.equal(location.hash, "");
  assert.equal(answers.sharedAnswers("follow-up-plan"), null);
});

test("a damaged share link fills nothing", () => {
  for (const hash of ["#answers=%E0%A4%A", "#answers=%7B", '#answers={"q":"x","a":[1]}']) {
    location.hash = hash;
    assert.equal(answers.sharedAnswers("x"), null);
  }
});

test("the form is read as strings, as typed or ticked", () => {
  const definition = {
    questions: [
      { id: "name", type: "text" },
      { id: "fit", type: "integer" },
      { id: "done", type: "multichoice" },
      { id: "empty", type: "text" },
    ],
  };
  const form = fakeForm([
    { name: "name", value: "Zoë" },
    { name: "fit", type: "radio", value: "3", checked: false },
    { name: "fit", type: "radio", value: "4", checked: true },
    { name: "done", type: "checkbox", value: "pay", checked: true },
    { name: "done", type: "checkbox", value: "team", checked: false },
    { name: "empty", value: "" },
  ]);
  const raw = answers.readRaw(form, definition);
  assert.deepEqual(raw, { name: "Zoë", fit: "4", done: ["pay"] });
  answers.writeRaw(form, definition, { fit: 3, done: ["team"] });
  assert.deepEqual(answers.readRaw(form, definition), { fit: "3", done: ["team"] });
});
