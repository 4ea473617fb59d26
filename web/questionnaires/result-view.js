// The result region: a waiting line, the engine's result, or the problem that
// keeps the result back. A result the answers no longer match never stays on
// screen, and neither do its drafts and calendar.

import { handOff } from "./carried.js";
import { adviceLine, copyButton, element, mailLink } from "./dom.js";

const WAITING_TEXT = {
  loading: "Starting the questionnaire engine in your browser… Your recommendation appears here as soon as it is ready.",
  ready: "Your recommendation appears here as you answer.",
  error: "No recommendation for now: the questionnaire engine is not running. Your answers are kept.",
};

// Calendar downloads are object URLs; each is released when its result goes.
const objectUrls = new WeakMap();

function clear(region) {
  for (const url of objectUrls.get(region) || []) URL.revokeObjectURL(url);
  objectUrls.set(region, []);
  delete region.dataset.outcome;
  region.replaceChildren();
}

export function release(region) {
  clear(region);
}

export function showWaiting(region, state) {
  clear(region);
  region.append(element("p", { class: "questionnaire__placeholder" }, WAITING_TEXT[state] || ""));
}

// `summary` says what to fix; the details are beside the question itself.
export function showProblem(region, summary) {
  clear(region);
  region.append(
    element("p", { class: "result__invalid" }, summary),
    element("p", {}, "Your recommendation comes back as soon as your answers can be worked out."),
  );
}

// "See: <the guide's heading>" for each advice ID a reason rests on.
const adviceLinks = (advice, links) => adviceLine(advice, links, { label: "See: ", className: "result__advice" });

function documentAction(region, doc) {
  if (doc.kind === "ics") {
    const url = URL.createObjectURL(new Blob([doc.content], { type: doc.media_type || "text/calendar" }));
    objectUrls.get(region).push(url);
    const name = doc.filename || `${doc.id}.ics`;
    return element("a", { class: "md-button", href: url, download: name }, `Download ${doc.filename || "the calendar"}`);
  }
  return copyButton(doc);
}

function renderDocument(region, doc) {
  const box = element("div", { class: "result__document", "data-document": doc.id });
  box.append(element("p", { class: "result__document-title" }, element("strong", {}, doc.title)));
  if (doc.kind === "list") {
    const list = element("ul");
    for (const line of doc.content.split("\n").filter(Boolean)) list.append(element("li", {}, line));
    box.append(list);
  } else if (doc.kind !== "ics") {
    box.append(element("pre", { class: "result__draft" }, doc.content));
  }
  const actions = element("p", { class: "result__document-actions" }, documentAction(region, doc));
  const mail = doc.kind === "ics" ? null : mailLink(doc);
  if (mail) actions.append(" ", mail);
  box.append(actions);
  return box;
}

function section(title, className, items) {
  const list = element("ul", { class: className }, ...items);
  const heading = element("p", { class: "result__heading" }, element("strong", {}, title));
  return element("div", { class: "result__section" }, heading, list);
}

function sections(result, links, labels) {
  const withAdvice = (item, attributes = {}) =>
    element("li", attributes, item.text, " ", adviceLinks(item.advice, links));
  const parts = [
    ["Why", "result__reasons", (result.reasons || []).map((reason) => withAdvice(reason))],
    ["What points the other way", "result__against", (result.against || []).map((item) => withAdvice(item))],
    ["Watch out", "result__flags", (result.flags || []).map((flag) => withAdvice(flag, { "data-flag": flag.id }))],
    ["What would change this", "result__change", (result.change || []).map((change) => element("li", {}, change.text))],
    ["Still to answer", "result__missing", (result.missing || []).map((id) => element("li", {}, labels[id] || id))],
    ["What to do next", "result__actions", (result.actions || []).map((action) => withAdvice(action))],
  ];
  return parts.filter(([, , items]) => items.length).map(([title, className, items]) => section(title, className, items));
}

// "What comes next": real links to the questionnaires that follow this result.
function nextSteps(result, pages) {
  const items = (result.next || [])
    .filter((step) => pages[step.questionnaire])
    .map((step) =>
      element("li", {}, element("a", { href: pages[step.questionnaire].href, "data-next": step.questionnaire }, step.text)),
    );
  return items.length ? section("What comes next", "result__next", items) : null;
}

function provisionalNote(result, labels) {
  const until = (result.provisional_until || []).map((id) => `“${labels[id] || id}”`);
  const text = until.length
    ? `Provisional until you answer ${until.join(" and ")}: the result assumes a typical answer for now.`
    : "Provisional: a few details are still missing.";
  return element("p", { class: "result__provisional" }, text);
}

export function showResult(region, result, { links, labels, pages = {} }) {
  clear(region);
  if (result.outcome) region.dataset.outcome = result.outcome;
  region.append(
    element("p", { class: "result__title" }, element("strong", {}, result.title)),
    element("p", { class: "result__summary" }, result.summary),
  );
  if (result.provisional) region.append(provisionalNote(result, labels));
  if (result.factors) region.append(...scoreTable(result, pages));
  region.append(...sections(result, links, labels));
  const next = nextSteps(result, pages);
  if (next) region.append(next);
  if (result.documents && result.documents.length) {
    const drafts = element("div", { class: "result__section" }, element("p", { class: "result__heading" }, element("strong", {}, "Your drafts")));
    drafts.append(...result.documents.map((doc) => renderDocument(region, doc)));
    region.append(drafts);
  }
}

// ---------------------------------------------------------------- the offer check's work

const dash = (value) => (value === null || value === undefined ? "–" : String(value));

function scoreRow(factor, compare) {
  const cells = [
    element("th", { scope: "row" }, factor.label),
    element("td", {}, dash(factor.importance)),
    element("td", {}, dash(factor.offer)),
    element("td", {}, dash(factor.offer_points)),
  ];
  if (compare) cells.push(element("td", {}, dash(factor.first_choice)), element("td", {}, dash(factor.first_choice_points)));
  return element("tr", { "data-factor": factor.id }, ...cells);
}

// The questionnaire a result hands its values on to: the one its next step
// leads to, if the guide has a page for it.
function handOffTarget(result, pages) {
  const step = (result.next || []).find((next) => pages[next.questionnaire]);
  return step ? step.questionnaire : null;
}

function scoreTable(result, pages) {
  const score = result.score || {};
  const compare = score.first_choice !== null && score.first_choice !== undefined;
  const headings = ["Factor", "Matters (0–3)", "Offer (1–5)", "Offer's points"];
  if (compare) headings.push("First choice (1–5)", "First choice's points");
  const rated = result.factors.filter((factor) => factor.importance !== null && factor.offer !== null);
  // The caption names the table for a screen reader; the same words show
  // above the sideways-scrolling region, where a phone shows them whole.
  const title = "How the score adds up: each factor's rating, weighted by how much it matters";
  const table = element(
    "table",
    { class: "result__scores", "data-score-table": "" },
    element("caption", {}, title),
    element("thead", {}, element("tr", {}, ...headings.map((text) => element("th", { scope: "col" }, text)))),
    element("tbody", {}, ...rated.map((factor) => scoreRow(factor, compare))),
  );
  const totals = [`The offer scores ${dash(score.offer)} out of 100.`];
  if (compare) {
    totals.push(`On the ${score.compared} factors you rated for both, the offer scores ${score.offer_on_compared} and your first choice ${score.first_choice}.`);
  } else if (score.compared) {
    totals.push(`You rated your first choice on ${score.compared} of these factors; rate at least ${score.compared_needed} to compare the two.`);
  }
  // The table scrolls sideways on a phone: a focusable, named region, so a
  // keyboard can scroll it too.
  const wrap = element("div", { class: "result__table-wrap", tabindex: "0", role: "region", "aria-label": "How the score adds up" }, table);
  const parts = [
    element("p", { class: "result__table-title", "aria-hidden": "true" }, title),
    wrap,
    element("p", { class: "result__totals" }, totals.join(" ")),
  ];
  if (result.unchecked && result.unchecked.length) {
    parts.push(section("Homework still to do", "result__unchecked", result.unchecked.map((item) => element("li", { "data-unchecked": item.value }, item.label))));
  }
  // The score handed on, as the triage's offer_fit, to where the result's
  // next step leads (the offer check's definition names it: `next`).
  const triage = result.triage || {};
  const target = handOffTarget(result, pages);
  if (triage.offer_fit && target) {
    const link = element("a", { href: pages[target].href, "data-to-triage": String(triage.offer_fit) }, `Use ${triage.offer_fit} of 5 as the offer's fit in the triage`);
    link.addEventListener("click", () => handOff(target, "offer_fit", triage.offer_fit));
    parts.push(element("p", { class: "result__to-triage" }, link));
  }
  return parts;
}
