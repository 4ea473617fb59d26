// Brings the build-time questionnaire forms to life. The engine runs in one
// Web Worker per tab (it survives Material's instant navigation); answers are
// kept in this browser's localStorage and never sent anywhere.
//
// This file binds each form to the engine and lets it go when its page is
// left; answers.js reads and keeps answers, kept-answers.js saves them per
// answer and hears other tabs, carried.js offers facts given elsewhere,
// fields.js knows the questions on screen, result-view.js shows the result,
// printed-plan.js prints it, shared-link.js asks before a link replaces saved
// answers, storage-fault.js says when this browser keeps nothing, and
// versions.js with set-aside.js move answers of an older release forward.

import { Reply } from "../engine/contract.js";
import { theEngine } from "../engine/engine-client.js";
import {
  forgetSharedAnswers,
  hasAnswers,
  readRaw,
  sameAnswers,
  saveAnswers,
  savedAnswers,
  savedRecord,
  shareLink,
  sharedAnswers,
  writeRaw,
} from "./answers.js";
import { carryOver, forgetCarried, ownAnswers, receiveHandOff, takeAsOwn } from "./carried.js";
import { bindOnEveryPage, element } from "./dom.js";
import { clearFieldErrors, keepsContract, labelsOf, pageProblem, showDateFormats, showFieldError } from "./fields.js";
import { changedAnswers, keepAnswers, onAnswersElsewhere } from "./kept-answers.js";
import { printPlan } from "./printed-plan.js";
import { release, showProblem, showResult, showWaiting } from "./result-view.js";
import { askWhichAnswers, boundedAnswers, forgetRefused, sayRefused } from "./shared-link.js";
import { forgetAside, showAside } from "./set-aside.js";
import { faultSlot, sayIfNotKept } from "./storage-fault.js";
import { fitting, learnVersions } from "./versions.js";

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

// ---------------------------------------------------------------- keeping answers

const questionIds = (q) => q.definition.questions.map((question) => question.id);

// Saves the reader's own answers on screen (never the carried ones), merged
// per answer with what other tabs saved; says so when the browser refuses.
function keep(q) {
  const own = ownAnswers(readRaw(q.form, q.definition), q.carried);
  const { kept, ok } = keepAnswers(q.definition.id, q.kept, own, questionIds(q));
  q.kept = kept;
  sayIfNotKept(q.fault, ok);
  return own;
}

// Another tab changed saved answers: this questionnaire's own (shown here as
// they now are), or a fact this one carries over.
function changedElsewhere(q, questionnaire) {
  if (questionnaire === null || questionnaire === q.definition.id) {
    const saved = savedAnswers(q.definition.id) || {};
    const changed = changedAnswers(q.kept, saved, questionIds(q));
    if (changed.length) {
      const questions = q.definition.questions.filter((question) => changed.includes(question.id));
      for (const { id } of questions) takeAsOwn(q.form, id, q.carried);
      writeRaw(q.form, { questions }, saved);
      q.kept = saved;
      q.notice.textContent = hasAnswers(saved)
        ? "These answers were changed in another tab; this form shows them as they are now."
        : "Your answers were erased in another tab.";
    }
  }
  carryOver(q.form, q.definition, q.shares, q.carried);
  evaluateAnswers(q);
}

// ---------------------------------------------------------------- the result

async function showAnswersResult(q) {
  const raw = readRaw(q.form, q.definition);
  const own = keep(q);
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
  // Carried values alone are only offered: no result until the reader answers here.
  if (!hasAnswers(own)) return notCurrent(q, showWaiting, q.region, "ready");
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
  forgetCarried(q.form, q.carried);
  if (saveAnswers(q.definition.id, null)) q.kept = {};
  showAside(q.form, q.definition, [], () => {});
  // Facts given in other questionnaires are still there: offered again.
  carryOver(q.form, q.definition, q.shares, q.carried);
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

// Shows what a release set aside; letting go keeps only those beside a question.
function showSetAside(q, aside) {
  showAside(q.form, q.definition, aside, () => {
    const record = savedRecord(q.definition.id);
    if (!record) return;
    const asked = new Set(q.definition.questions.map((question) => question.id));
    saveAnswers(q.definition.id, record.answers, record.aside.filter((entry) => asked.has(entry.question)));
  });
}

// A link's answers replace those on screen and saved, all but any too long
// for their question; any it holds from an older release that no longer fit
// are set aside and shown.
function useLinkAnswers(q, shared) {
  const { answers, refused } = boundedAnswers(q.definition, shared.answers);
  forgetCarried(q.form, q.carried);
  writeRaw(q.form, q.definition, answers);
  sayRefused(q.form, q.definition, refused);
  if (saveAnswers(q.definition.id, answers, shared.aside)) q.kept = answers;
  showSetAside(q, shared.aside);
  forgetSharedAnswers();
}

// Saved answers fill the form, moved forward from the release they were saved
// under (and saved so at once); a share link's answers too, unless they would
// replace different saved ones: then the reader chooses.
function fillAnswers(q) {
  const id = q.definition.id;
  const record = savedRecord(id);
  let saved = null;
  if (record) {
    const fit = fitting(q.definition, record.answers, record.aside);
    saved = fit.answers;
    if (record.moved || fit.aside.length !== record.aside.length) saveAnswers(id, saved, fit.aside);
    showSetAside(q, fit.aside);
  }
  const link = sharedAnswers(id);
  const shared = link && fitting(q.definition, link.answers, link.aside);
  q.kept = saved || {};
  if (shared && (!saved || !hasAnswers(saved) || sameAnswers(saved, shared.answers))) return useLinkAnswers(q, shared);
  if (saved) writeRaw(q.form, q.definition, saved);
  if (!shared) return;
  askWhichAnswers(q.form, {
    useLink: () => {
      useLinkAnswers(q, shared);
      carryOver(q.form, q.definition, q.shares, q.carried);
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
  const { definition, advice, engine: addresses, pages, shares, versions } = JSON.parse(root.dataset.questionnaireData);
  learnVersions(versions);
  if (!keepsContract(form, definition)) {
    worksheetOnly(form);
    return () => {};
  }
  const region = root.querySelector("[data-result]");
  const q = {
    root,
    form,
    definition,
    links: advice,
    pages: pages || {},
    shares: shares || {},
    labels: labelsOf(definition),
    region,
    fault: faultSlot(region),
    status: form.querySelector("[data-engine-status]"),
    notice: form.querySelector("[data-notice]"),
    engine: theEngine(addresses),
    sequence: 0, // the latest evaluation; older replies are dropped
    settled: Promise.resolve(), // the latest evaluation, done
    current: null, // the result on screen (as JSON) while it matches the answers
    kept: {}, // the reader's own answers as last saved or read: what a save changes
    carried: new Set(), // the questions showing a fact carried over, not saved
  };
  form.querySelector(".questionnaire__actions").hidden = false;
  showDateFormats(form);
  fillAnswers(q);
  receiveHandOff(form, definition);
  carryOver(form, definition, q.shares, q.carried);
  // A link's or a hand-off's answers are kept at once, engine or not.
  keep(q);
  const update = () => evaluateAnswers(q);
  // What the reader answers is theirs, even where a value was carried over.
  const answered = (event) => {
    if (event.target.name) {
      takeAsOwn(form, event.target.name, q.carried);
      forgetRefused(form, event.target.name);
      forgetAside(form, event.target.name);
    }
    update();
  };
  form.addEventListener("input", answered);
  form.addEventListener("change", answered);
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
  const stopHearing = onAnswersElsewhere((questionnaire) => changedElsewhere(q, questionnaire));
  // From here on typed answers are kept (make bench times this moment).
  root.dataset.bound = "";
  return () => {
    unsubscribe();
    stopHearing();
    q.sequence++; // a reply still on its way finds nothing to update
    release(q.region);
  };
}

// ---------------------------------------------------------------- pages

bindOnEveryPage("[data-questionnaire-root]", bind);
