// The result region: a waiting line, the engine's result, or the problem that
// keeps the result back. A result the answers no longer match never stays on
// screen, and neither do its drafts and calendar.

import { element } from "./dom.js";

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
function adviceLinks(advice, links) {
  const known = (advice || []).filter((id) => links[id]);
  if (!known.length) return null;
  const list = element("span", { class: "result__advice" }, "See: ");
  known.forEach((id, index) => {
    if (index) list.append("; ");
    list.append(element("a", { href: links[id].href, "data-advice": id }, links[id].title));
  });
  return list;
}

function documentAction(region, doc) {
  if (doc.kind === "ics") {
    const url = URL.createObjectURL(new Blob([doc.content], { type: doc.media_type || "text/calendar" }));
    objectUrls.get(region).push(url);
    const name = doc.filename || `${doc.id}.ics`;
    return element("a", { class: "md-button", href: url, download: name }, `Download ${doc.filename || "the calendar"}`);
  }
  const button = element("button", { type: "button", class: "md-button", "data-copy": doc.id }, `Copy “${doc.title}”`);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(doc.content);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select the text above to copy it";
    }
  });
  return button;
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
  box.append(element("p", { class: "result__document-actions" }, documentAction(region, doc)));
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
    ["Watch out", "result__flags", (result.flags || []).map((flag) => withAdvice(flag, { "data-flag": flag.id }))],
    ["What would change this", "result__change", (result.change || []).map((change) => element("li", {}, change.text))],
    ["Still to answer", "result__missing", (result.missing || []).map((id) => element("li", {}, labels[id] || id))],
    ["What to do next", "result__actions", (result.actions || []).map((action) => withAdvice(action))],
  ];
  return parts.filter(([, , items]) => items.length).map(([title, className, items]) => section(title, className, items));
}

export function showResult(region, result, { links, labels }) {
  clear(region);
  if (result.outcome) region.dataset.outcome = result.outcome;
  region.append(
    element("p", { class: "result__title" }, element("strong", {}, result.title)),
    element("p", { class: "result__summary" }, result.summary),
  );
  if (result.provisional) {
    region.append(element("p", { class: "result__provisional" }, "Provisional: a few answers are still missing."));
  }
  region.append(...sections(result, links, labels));
  if (result.documents && result.documents.length) {
    const drafts = element("div", { class: "result__section" }, element("p", { class: "result__heading" }, element("strong", {}, "Your drafts")));
    drafts.append(...result.documents.map((doc) => renderDocument(region, doc)));
    region.append(drafts);
  }
}
