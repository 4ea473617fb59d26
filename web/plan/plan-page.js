// "My plan": every questionnaire answered in this browser, brought together by
// the engine (engine.plan) into one page: results, dates, drafts, one calendar,
// a printout, and a way to erase it all. plan-view.js draws what this finds.
// Nothing leaves the device; with nothing answered the engine is not started.

import { hasAnswers, sameAnswers, saveAnswers, savedAnswers } from "../questionnaires/answers.js";
import { carriedInto } from "../questionnaires/carried.js";
import { bindOnEveryPage, element } from "../questionnaires/dom.js";
import { GUIDE_PREFIX, browserStorage } from "../questionnaires/storage.js";
import { learnVersions } from "../questionnaires/versions.js";
import { Reply } from "../engine/contract.js";
import { theEngine } from "../engine/engine-client.js";
import { askWhichPlan, forgetLinkedPlan, linkTooLarge, linkedPlan, planLink } from "./plan-link.js";
import { describePlan, releasePlan, showEmpty, showPlan, showUnavailable } from "./plan-view.js";

const LOADING_TEXT = "Putting your plan together in your browser…";
const ERASED_TEXT = "Everything this guide saved in this browser is erased.";
const BLOCKED_TEXT =
  "There is no plan to show: this browser does not let the guide keep anything on this device " +
  "(its storage is turned off for this site, perhaps by a privacy setting), so no answers are saved here. " +
  "Allow this site to store data and reload, or keep each questionnaire's answers with its " +
  "“Copy a link with my answers” button.";
const UNREADABLE_TEXT =
  "These saved answers can't be read as they are (one may be far longer than its question takes).";

// ---------------------------------------------------------------- this device

const STORAGES = ["localStorage", "sessionStorage"];

function guideKeys(storage) {
  try {
    return Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter(
      (key) => key && key.startsWith(GUIDE_PREFIX),
    );
  } catch {
    return []; // Storage may be disabled: then nothing was kept.
  }
}

const anythingKept = () => STORAGES.some((name) => guideKeys(browserStorage(name)).length);

function eraseEverything() {
  for (const storage of STORAGES.map(browserStorage).filter(Boolean)) {
    for (const key of guideKeys(storage)) storage.removeItem(key);
  }
}

// {questionnaire ID: answers as typed} for every questionnaire the reader
// answered here: `own`, as saved, and `answers`, with the facts each carries
// over from the others (never saved) beside them.
function answeredHere(data) {
  const own = {};
  const answers = {};
  for (const { id } of data.questionnaires) {
    const saved = savedAnswers(id);
    if (!saved || !hasAnswers(saved)) continue;
    const carried = Object.entries(carriedInto(id, saved, data.shares));
    own[id] = saved;
    answers[id] = carried.length ? { ...Object.fromEntries(carried.map(([q, { value }]) => [q, value])), ...saved } : saved;
  }
  return { own, answers };
}

// ---------------------------------------------------------------- the region

// `p.notice` (what a plan link did) stays said before the plan's own state.
function setState(p, state, text) {
  p.root.dataset.engine = state;
  p.status.textContent = p.notice && text ? `${p.notice} ${text}` : p.notice || text;
}

function showNothing(p) {
  p.actions.hidden = true;
  showEmpty(p.content, p.data);
  setState(p, "ready", "");
}

// The browser refuses the guide any storage: nothing to read, nothing to erase.
function showBlocked(p) {
  p.actions.hidden = true;
  p.erase.hidden = true;
  releasePlan(p.content);
  setState(p, "error", BLOCKED_TEXT);
}

function showFailure(p, why) {
  p.actions.hidden = true;
  showUnavailable(p.content, p.data, Object.keys(p.answers));
  const reason = /[.!?]$/.test(why) ? why : `${why}.`;
  setState(p, "error", `Your plan can't be put together right now: ${reason} Your answers are kept; reload the page to try again.`);
}

// The plan of every questionnaire the engine can read. Answers it refuses as
// a whole (too large, say) would take every other questionnaire down with
// them: then the plan is made again from those it can read, one more at a
// time, and the rest are listed as answers to check.
async function planOfReadable(p, answersByQuestionnaire) {
  const reply = await p.engine.plan(answersByQuestionnaire);
  if (reply.type === Reply.PLAN) return reply;
  const readable = {};
  const unreadable = [];
  let rest = null;
  for (const [id, answers] of Object.entries(answersByQuestionnaire)) {
    const tried = await p.engine.plan({ ...readable, [id]: answers });
    if (tried.type !== Reply.PLAN) {
      unreadable.push(id);
      continue;
    }
    readable[id] = answers;
    rest = tried;
  }
  rest = rest || (await p.engine.plan({}));
  if (rest.type !== Reply.PLAN) return reply;
  const titles = Object.fromEntries(p.data.questionnaires.map(({ id, title }) => [id, title]));
  for (const id of unreadable) {
    rest.plan.invalid.push({ questionnaire: id, title: titles[id], message: UNREADABLE_TEXT });
  }
  return rest;
}

// A fact carried over from elsewhere never makes a questionnaire's answers
// need checking when the reader's own answers there are fine: those
// questionnaires are planned again from their own answers alone.
async function planOfAnswered(p) {
  const reply = await planOfReadable(p, p.answers);
  if (reply.type !== Reply.PLAN) return reply;
  const spoiled = reply.plan.invalid.map((item) => item.questionnaire).filter((id) => p.answers[id] !== p.own[id]);
  if (!spoiled.length) return reply;
  const answers = { ...p.answers };
  for (const id of spoiled) answers[id] = p.own[id];
  return planOfReadable(p, answers);
}

async function askForPlan(p) {
  const mine = p.sequence;
  setState(p, "loading", LOADING_TEXT);
  let reply;
  try {
    reply = await planOfAnswered(p);
  } catch (error) {
    if (mine === p.sequence) showFailure(p, error.message);
    return;
  }
  if (mine !== p.sequence) return; // the answers changed meanwhile
  if (reply.type !== Reply.PLAN) return showFailure(p, reply.reader_message);
  showPlan(p.content, reply.plan, p.data);
  p.actions.hidden = false;
  setState(p, "ready", describePlan(reply.plan));
}

function engineChanged(p, state) {
  if (!Object.keys(p.answers).length) return;
  if (state === "ready") askForPlan(p);
  else if (state === "error") showFailure(p, p.engine.failure);
  else setState(p, "loading", LOADING_TEXT);
}

// Reads this device's answers again and shows what they make.
function refresh(p) {
  p.sequence++;
  if (!browserStorage()) return showBlocked(p);
  ({ own: p.own, answers: p.answers } = answeredHere(p.data));
  p.erase.hidden = !anythingKept();
  if (!Object.keys(p.answers).length) return showNothing(p);
  if (p.engine) return engineChanged(p, p.engine.state);
  p.engine = theEngine(p.data.engine);
  p.unsubscribe = p.engine.onChange((state) => engineChanged(p, state));
}

// ---------------------------------------------------------------- erasing, with a confirmation

function askToErase(p, open) {
  p.confirm.hidden = !open;
  p.eraseButton.setAttribute("aria-expanded", String(open));
  (open ? p.confirm.querySelector('[data-plan-action="erase-cancel"]') : p.eraseButton).focus();
}

function erase(p) {
  p.notice = "";
  p.confirm.hidden = true;
  p.eraseButton.setAttribute("aria-expanded", "false");
  eraseEverything();
  refresh(p);
  p.status.textContent = ERASED_TEXT;
  p.content.querySelector("[data-plan-empty]")?.focus();
}

// ---------------------------------------------------------------- one link for the whole plan

const COPIED_TEXT = "Copied. Anyone who opens the link sees this plan; the answers travel after the #, never to a server.";
const NOT_COPIED_TEXT = "The link could not be copied here: select it below and copy it.";
const TOO_LARGE_TO_LINK =
  "Your plan is too large for one link. Each questionnaire's own “Copy a link with my answers” still works.";

async function copyPlanLink(p, button) {
  const link = planLink(p.own);
  if (linkTooLarge(link)) {
    p.status.textContent = TOO_LARGE_TO_LINK;
    return;
  }
  try {
    await navigator.clipboard.writeText(link);
    p.status.textContent = COPIED_TEXT;
  } catch {
    p.status.textContent = NOT_COPIED_TEXT;
    const field = element("input", { type: "text", readonly: "", value: link, "aria-label": "Link to your whole plan" });
    button.after(" ", field);
    field.select();
  }
}

// Replaces every saved answer of the guide's questionnaires with the link's
// (or a file's), with whatever of them an older release set aside.
function useLinkedPlan(p, { answers, aside }) {
  for (const { id } of p.data.questionnaires) {
    saveAnswers(id, answers[id] || aside[id] ? answers[id] || {} : null, aside[id] || []);
  }
  refresh(p);
}

// A plan link in the address bar: taken at once over nothing saved, asked
// about over different saved answers, refused with a sentence if damaged.
function openLinkedPlan(p) {
  const linked = linkedPlan(new Set(p.data.questionnaires.map(({ id }) => id)));
  if (!linked) return false;
  forgetLinkedPlan();
  if (linked.error) {
    p.notice = linked.error;
    refresh(p);
    return true;
  }
  const { own } = answeredHere(p.data);
  const ids = new Set([...Object.keys(own), ...Object.keys(linked.answers)]);
  const same = [...ids].every((id) => own[id] && linked.answers[id] && sameAnswers(own[id], linked.answers[id]));
  if (!Object.keys(own).length || same) {
    useLinkedPlan(p, linked);
    return true;
  }
  p.notice = "This link holds a different plan from the one saved here: choose which to keep, at the top.";
  const chosen = (then) => () => {
    p.notice = "";
    then();
  };
  refresh(p);
  askWhichPlan(p.root, { useLink: chosen(() => useLinkedPlan(p, linked)), keepSaved: chosen(() => refresh(p)) });
  return true;
}

// ---------------------------------------------------------------- one region

function bind(root) {
  const data = JSON.parse(root.dataset.planData);
  learnVersions(data.versions);
  const p = {
    root,
    data,
    status: root.querySelector("[data-plan-status]"),
    actions: root.querySelector("[data-plan-actions]"),
    content: root.querySelector("[data-plan-content]"),
    erase: root.querySelector("[data-plan-erase]"),
    eraseButton: root.querySelector('[data-plan-action="erase"]'),
    confirm: root.querySelector("[role=group]"),
    own: {}, // each answered questionnaire's answers, as saved
    answers: {}, // the same, with the facts each carries over
    engine: null,
    unsubscribe: null,
    sequence: 0, // the latest request; older replies are dropped
    notice: "", // what a plan link did, said before the plan's state
  };
  const on = (action, handler) =>
    root.querySelector(`[data-plan-action="${action}"]`).addEventListener("click", handler);
  on("print", () => window.print());
  const share = root.querySelector('[data-plan-action="share"]');
  share.addEventListener("click", () => copyPlanLink(p, share));
  on("erase", () => askToErase(p, p.confirm.hidden));
  on("erase-cancel", () => askToErase(p, false));
  on("erase-confirm", () => erase(p));
  p.confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") askToErase(p, false);
  });
  // Answers given in another tab show here too.
  const storageChanged = (event) => {
    if (event.key === null || event.key.startsWith(GUIDE_PREFIX)) refresh(p);
  };
  window.addEventListener("storage", storageChanged);
  // Printing this page prints the plan alone (plan-page.css), whichever way it is started.
  document.body.dataset.printing = "my-plan";
  if (!openLinkedPlan(p)) refresh(p);
  return () => {
    p.sequence++;
    if (p.unsubscribe) p.unsubscribe();
    window.removeEventListener("storage", storageChanged);
    if (document.body.dataset.printing === "my-plan") delete document.body.dataset.printing;
    releasePlan(p.content);
  };
}

// ---------------------------------------------------------------- pages

// The one-page print version of the guide shows the frame only: it never reads saved answers.
bindOnEveryPage("[data-plan]", bind, (root) => root.closest("#print-site-page"));
