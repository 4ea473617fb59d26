// What "My plan" shows: each result, the dated steps, the drafts, the answers
// to fix, or where to start. Every guide reference is a link whose text is the
// section's heading and its page, so the printout reads as well as the screen.

import { adviceLine, copyButton, element, mailLink } from "../questionnaires/dom.js";

// The calendar download of each plan region; released when it is replaced.
const calendarUrls = new WeakMap();

export function releasePlan(content) {
  const url = calendarUrls.get(content);
  if (url) URL.revokeObjectURL(url);
  calendarUrls.delete(content);
  content.replaceChildren();
}

const heading = (level, text, attributes = {}) => element(`h${level}`, attributes, text);

// "Thursday 26 November 2026": the engine's way of writing a day, with its year.
function longDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(year, month - 1, day);
  const name = (options) => date.toLocaleDateString("en-GB", options);
  return `${name({ weekday: "long" })} ${day} ${name({ month: "long" })} ${year}`;
}

// "In the guide: <heading> (<page>); …" for the advice a step or action rests on.
const guideLinks = (advice, links) =>
  adviceLine(advice, links, { label: "In the guide: ", className: "plan__guide", withPage: true });

function questionnaireLink(questionnaire) {
  if (!questionnaire.href) return `“${questionnaire.title}”`;
  return element("a", { href: questionnaire.href, "data-plan-questionnaire": questionnaire.id }, questionnaire.title);
}

function byId(data) {
  return Object.fromEntries(data.questionnaires.map((questionnaire) => [questionnaire.id, questionnaire]));
}

// ---------------------------------------------------------------- the parts of a plan

function itemView(item, data) {
  const view = element(
    "li",
    { class: "plan__item", "data-plan-item": item.questionnaire, "data-outcome": item.outcome },
    heading(4, item.outcome_title, { class: "plan__item-title" }),
    element("p", { class: "plan__from" }, "From the questionnaire ", questionnaireLink(byId(data)[item.questionnaire])),
    element("p", { class: "plan__summary" }, item.summary),
  );
  if (item.provisional) view.append(element("p", { class: "plan__provisional" }, "Provisional: a few answers are still missing."));
  if (item.actions && item.actions.length) {
    const actions = element("ul", { class: "plan__actions-list" });
    for (const action of item.actions) {
      actions.append(element("li", {}, action.text, guideLinks(action.advice, data.advice)));
    }
    view.append(element("p", { class: "plan__subheading" }, "What to do"), actions);
  }
  return view;
}

function stepView(step, data, docs) {
  // A check-in's note is long and sits in the drafts already; one line of detail is kept.
  const detail = step.detail && !step.detail.includes("\n") ? step.detail : "";
  return element(
    "li",
    { class: "plan__step", "data-plan-step": step.uid, "data-date": step.date, "data-kind": step.kind },
    element("p", { class: "plan__when" }, element("time", { datetime: step.date }, longDate(step.date))),
    element("p", { class: "plan__step-title" }, step.title),
    detail ? element("p", { class: "plan__detail" }, detail) : null,
    draftLinks(step, docs),
    guideLinks(step.advice, data.advice),
  );
}

// "Drafts: <title>; <title>" linking each draft a step needs to where it sits below.
function draftLinks(step, docs) {
  const known = (step.drafts || []).filter((key) => docs[key]);
  if (!known.length) return null;
  const line = element("p", { class: "plan__step-drafts" }, known.length === 1 ? "Draft: " : "Drafts: ");
  known.forEach((key, index) => {
    if (index) line.append("; ");
    line.append(element("a", { href: `#${draftAnchor(key)}` }, docs[key].title));
  });
  return line;
}

const draftAnchor = (key) => `draft-${key.replace(/[^a-z0-9_-]/gi, "-")}`;

function calendarLink(content, calendar) {
  const url = URL.createObjectURL(new Blob([calendar.content], { type: calendar.media_type || "text/calendar" }));
  calendarUrls.set(content, url);
  return element(
    "p",
    { class: "plan__calendar" },
    element(
      "a",
      { class: "md-button", href: url, download: calendar.filename, "data-plan-calendar": "" },
      `Download every date for your calendar (${calendar.filename})`,
    ),
  );
}

function stepsView(content, plan, data) {
  const part = [heading(3, "What to do, and when")];
  if (!plan.steps.length) {
    const known = byId(data);
    const sources = (plan.dated_by || []).filter((source) => known[source.questionnaire]);
    const line = element("p", {}, "No dates yet.");
    if (sources.length) {
      line.append(" They come from ");
      sources.forEach((source, index) => {
        if (index) line.append(index === sources.length - 1 ? ", and from " : ", from ");
        line.append(`${source.gives} in `, questionnaireLink(known[source.questionnaire]));
      });
      line.append(".");
    }
    part.push(line);
    return part;
  }
  const docs = Object.fromEntries(plan.documents.map((doc) => [`${doc.questionnaire}:${doc.id}`, doc]));
  const byUid = Object.fromEntries(plan.steps.map((step) => [step.uid, step]));
  // Today, by the offer's deadline, later: the engine's groups, in its order.
  const groups = plan.timeline && plan.timeline.length ? plan.timeline : [{ key: "all", heading: "", steps: plan.steps.map((s) => s.uid) }];
  for (const group of groups) {
    if (group.heading) part.push(heading(4, group.heading, { class: "plan__when-group", "data-plan-group": group.key }));
    const steps = group.steps.map((uid) => byUid[uid]).filter(Boolean);
    part.push(element("ol", { class: "plan__steps", role: "list", "data-plan-group-steps": group.key }, ...steps.map((step) => stepView(step, data, docs))));
  }
  if (plan.calendar) part.push(calendarLink(content, plan.calendar));
  return part;
}

function documentView(doc, data) {
  const body =
    doc.kind === "list"
      ? element("ul", {}, ...doc.content.split("\n").filter(Boolean).map((line) => element("li", {}, line)))
      : element("pre", { class: "plan__draft" }, doc.content);
  return element(
    "div",
    { class: "plan__document", id: draftAnchor(`${doc.questionnaire}:${doc.id}`), "data-plan-document": `${doc.questionnaire}:${doc.id}` },
    heading(4, doc.title),
    element("p", { class: "plan__from" }, "From the questionnaire ", questionnaireLink(byId(data)[doc.questionnaire])),
    body,
    element("p", { class: "plan__copy" }, copyButton(doc), ...(mailLink(doc) ? [" ", mailLink(doc)] : [])),
  );
}

function invalidView(invalid, data) {
  const questionnaire = byId(data)[invalid.questionnaire];
  const fix = questionnaire.href
    ? element("a", { href: questionnaire.href, "data-plan-fix": questionnaire.id }, `Fix your answers to “${questionnaire.title}”`)
    : null;
  return element(
    "li",
    { "data-plan-invalid": invalid.questionnaire },
    element("strong", {}, `${invalid.title}: `),
    invalid.message,
    " ",
    fix,
  );
}

// ---------------------------------------------------------------- whole views

export function showPlan(content, plan, data) {
  releasePlan(content);
  content.append(element("p", { class: "plan__made" }, `Made on ${longDate(plan.today)} from the answers saved in this browser.`));
  for (const note of plan.first || []) {
    content.append(element("p", { class: "plan__first", "data-plan-first": note.questionnaire }, element("strong", {}, "First: "), note.text));
  }
  if (plan.invalid.length) {
    content.append(
      heading(3, "Answers to check"),
      element("p", {}, "These answers can't be worked out yet, so they are left out of your plan."),
      element("ul", { class: "plan__invalid" }, ...plan.invalid.map((invalid) => invalidView(invalid, data))),
    );
  }
  // The dates first, as a person acts on them; then the results they come from.
  content.append(...stepsView(content, plan, data));
  if (plan.items.length) {
    content.append(
      heading(3, "Your results"),
      element("ul", { class: "plan__items", role: "list" }, ...plan.items.map((item) => itemView(item, data))),
    );
  }
  if (plan.documents.length) {
    content.append(heading(3, "Your drafts"), ...plan.documents.map((doc) => documentView(doc, data)));
  }
}

function startLinks(data) {
  return element(
    "ul",
    { class: "plan__start" },
    ...data.questionnaires.filter((q) => q.href).map((q) => element("li", {}, questionnaireLink(q))),
  );
}

// Nothing answered in this browser: where to start.
export function showEmpty(content, data) {
  releasePlan(content);
  content.append(
    element(
      "p",
      { class: "plan__empty", "data-plan-empty": "", tabindex: "-1" },
      "Nothing is saved in this browser yet. Answer any of the guide's questionnaires and your plan appears here:",
    ),
    startLinks(data),
  );
}

// The engine cannot run: the answers are kept, and each questionnaire is a link away.
export function showUnavailable(content, data, answered) {
  releasePlan(content);
  const known = byId(data);
  content.append(
    element("p", {}, "You have answers saved for:"),
    element("ul", {}, ...answered.map((id) => element("li", {}, questionnaireLink(known[id])))),
  );
}

// A short line for screen readers once the plan is on screen.
export function describePlan(plan) {
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    count(plan.items.length, "result", "results"),
    count(plan.steps.length, "date", "dates"),
    count(plan.documents.length, "draft", "drafts"),
  ];
  const fix = plan.invalid.length ? ` ${count(plan.invalid.length, "questionnaire has", "questionnaires have")} answers to check.` : "";
  return `Your plan is ready: ${parts.join(", ")}.${fix}`;
}
