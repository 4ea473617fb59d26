// Brings the build-time questionnaire forms to life. The engine runs in one
// Web Worker per tab (it survives Material's instant navigation); answers are
// kept in this browser's localStorage and never sent anywhere.
//
// This file binds each form to the engine and lets it go when its page is
// left; answers.js reads and keeps answers, fields.js knows the questions on
// screen, result-view.js shows the result, printed-plan.js prints it, and
// shared-link.js asks before a link replaces saved answers.

import { Reply } from "../engine/contract.js";
import { theEngine } from "../engine/engine-client.js";
import {
  forgetSharedAnswers,
  hasAnswers,
  readRaw,
  sameAnswers,
  saveAnswers,
  savedAnswers,
  shareLink,
  sharedAnswers,
  writeRaw,
} from "./answers.js";
import { bindOnEveryPage, element } from "./dom.js";
import { clearFieldErrors, keepsContract, labelsOf, pageProblem, showDateFormats, showFieldError } from "./fields.js";
import { printPlan } from "./printed-plan.js";
import { release, showProblem, showResult, showWaiting } from "./result-view.js";
import { askWhichAnswers } from "./shared-link.js";
import { carryOver, receiveHandOff } from "./carried.js";

const STATUS_TEXT = {
  ready: "",
};
const WORKSHEET_TEXT =
  "This copy is a worksheet to print and fill in by hand. " +
  "To get a recommendation, answer the questionnaire on its own page of the guide.";

// ---------------------------------------------------------------- engine replies

function setStatus(q, state, text) {
  q.form.dataset.engine = state;
  q.status.textContent = text;
  q.status.hidden = !text;
  // Progress changes many times a second: announced once the start is over.
  q.status.setAttribute("aria-busy", String(state === "loading"));
}

function engineChanged(q, state) {
  const text = state === "error"
    ? `${q.engine.failure} Your answers are kept; reload the page to try again, or print this page and use it as a worksheet.`
    : state === "loading" ? q.engine.loadingText() : STATUS_TEXT[state];
  setStatus(q, state, text);
  if (state === "ready") evaluateAnswers(q);
  else showWaiting(q.region, state);
}

// The engine's reader_message goes beside the question; the summary by the
// result names the question in its own words, so the message shows once.
function showInvalid(q, { question, reader_message: message }) {
  const shownBeside = question && showFieldError(q.form, question, message);
  showProblem(
    q.region,
    shownBeside ? `Check your answer to “${q.labels[question]}”.` : `Check your answers: ${message}`,
  );
}

function showFailure(q, error) {
  showProblem(q.region, "The engine could not work out a result for these answers.");
  setStatus(
    q,
    "error",
    `The engine could not work out a result (${error.message}). Your answers are kept; changing an answer tries again.`,
  );
}

// Evaluates the answers on screen; q.settled resolves once what the result
// region shows matches them (printing waits for it).
function evaluateAnswers(q) {
  q.settled = showAnswersResult(q);
  return q.settled;
}

function notCurrent(q, show, ...args) {
  q.current = null;
  show(...args);
}

async function showAnswersResult(q) {
  const raw = readRaw(q.form, q.definition);
  saveAnswers(q.definition.id, raw);
  const mine = ++q.sequence;
  clearFieldErrors(q.form);
  const problem = pageProblem(q.form, q.definition);
  if (problem) return notCurrent(q, showInvalid, q, { question: problem.question, reader_message: problem.message });
  if (q.engine.state !== "ready") return notCurrent(q, showWaiting, q.region, q.engine.state);
  let reply;
  try {
    reply = await q.engine.evaluate(q.definition.id, raw);
  } catch (error) {
    // A stopped engine has said so already (engineChanged); this is about these answers.
    if (mine === q.sequence && q.engine.state === "ready") notCurrent(q, showFailure, q, error);
    return;
  }
  if (mine !== q.sequence) return; // a newer answer is on its way
  // Past failures were about other answers: the engine is working.
  setStatus(q, q.engine.state, STATUS_TEXT[q.engine.state] ?? "");
  if (reply.type === Reply.INVALID) return notCurrent(q, showInvalid, q, reply);
  if (!hasAnswers(raw)) return notCurrent(q, showWaiting, q.region, "ready");
  // The same result again (a change event after input, say) is left alone:
  // redrawing it would swallow a click on one of its links.
  if (reply.text === q.current) return;
  showResult(q.region, reply.result, { links: q.links, labels: q.labels, pages: q.pages });
  q.current = reply.text;
}

// ---------------------------------------------------------------- the reader's buttons

function erase(q) {
  q.form.reset();
  for (const control of q.form.elements) if (control.type === "text" || control.type === "date") control.value = "";
  saveAnswers(q.definition.id, null);
  evaluateAnswers(q);
  q.notice.textContent = "Your answers were erased from this browser.";
}

async function share(q) {
  const link = shareLink(q.definition.id, readRaw(q.form, q.definition));
  try {
    await navigator.clipboard.writeText(link);
    q.notice.textContent = "Link copied. It holds your answers in the part after #, which is never sent to a server.";
  } catch {
    const field = element("input", { type: "text", readonly: true, value: link, "aria-label": "Link with your answers" });
    q.notice.replaceChildren("Copy this link: ", field);
  }
}

// Waits for the answers on screen to be worked out, so their result, and no
// older one, goes on paper.
async function print(q) {
  await q.settled;
  const raw = readRaw(q.form, q.definition);
  let why = "No result: check the answers marked on the form first.";
  if (!hasAnswers(raw)) why = "No result yet.";
  else if (q.engine.state !== "ready") why = "No result: the questionnaire engine is not running.";
  printPlan({ root: q.root, definition: q.definition, raw, region: q.current ? q.region : null, why });
}

// ---------------------------------------------------------------- one form

// Saved answers fill the form; a share link's answers too, unless they would
// replace different saved ones: then the reader chooses.
function fillAnswers(q) {
  const saved = savedAnswers(q.definition.id);
  const shared = sharedAnswers(q.definition.id);
  if (shared && (!saved || sameAnswers(saved, shared))) {
    writeRaw(q.form, q.definition, shared);
    saveAnswers(q.definition.id, shared);
    forgetSharedAnswers();
    return;
  }
  if (saved) writeRaw(q.form, q.definition, saved);
  if (!shared) return;
  askWhichAnswers(q.form, {
    useLink: () => {
      writeRaw(q.form, q.definition, shared);
      forgetSharedAnswers();
      evaluateAnswers(q);
    },
    keepSaved: forgetSharedAnswers,
  });
}

function worksheetOnly(form) {
  delete form.dataset.engine;
  const status = form.querySelector("[data-engine-status]");
  if (status) status.textContent = WORKSHEET_TEXT;
}

// Brings one questionnaire to life; returns what lets it go again.
function bind(root) {
  const form = root.querySelector("form[data-questionnaire]");
  const { definition, advice, engine: addresses, pages, shares } = JSON.parse(root.dataset.questionnaireData);
  if (!keepsContract(form, definition)) {
    worksheetOnly(form);
    return () => {};
  }
  const q = {
    root,
    form,
    definition,
    links: advice,
    pages: pages || {},
    labels: labelsOf(definition),
    region: root.querySelector("[data-result]"),
    status: form.querySelector("[data-engine-status]"),
    notice: form.querySelector("[data-notice]"),
    engine: theEngine(addresses),
    sequence: 0, // the latest evaluation; older replies are dropped
    settled: Promise.resolve(), // the latest evaluation, done
    current: null, // the result on screen (as JSON) while it matches the answers
  };
  form.querySelector(".questionnaire__actions").hidden = false;
  showDateFormats(form);
  fillAnswers(q);
  receiveHandOff(form, definition);
  carryOver(form, definition, shares);
  const update = () => evaluateAnswers(q);
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // Half a date changes no value and fires no input event: look again when
  // the reader leaves the date picker.
  form.addEventListener("focusout", (event) => {
    if (event.target.type === "date") update();
  });
  const on = (action, handler) => form.querySelector(`[data-action="${action}"]`).addEventListener("click", () => handler(q));
  on("erase", erase);
  on("share", share);
  on("print", print);
  const unsubscribe = q.engine.onChange((state) => engineChanged(q, state));
  // From here on typed answers are kept (make bench times this moment).
  root.dataset.bound = "";
  return () => {
    unsubscribe();
    q.sequence++; // a reply still on its way finds nothing to update
    release(q.region);
  };
}

// ---------------------------------------------------------------- pages

bindOnEveryPage("[data-questionnaire-root]", bind);
