// Brings the build-time questionnaire forms to life. The engine runs in one
// Web Worker per tab (it survives Material's instant navigation); answers are
// kept in this browser's localStorage and never sent anywhere.

import { theEngine } from "./engine-client.js";

const STORAGE_PREFIX = "offer-guide:answers:";
const SHARE_PREFIX = "#answers=";

const STATUS_TEXT = {
  loading: "Starting the questionnaire engine in your browser… You can answer already.",
  ready: "",
};

// ---------------------------------------------------------------- small DOM helpers

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function storageGet(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

function storageSet(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be full or disabled; the form keeps working without it.
  }
}

// ---------------------------------------------------------------- answers

const NUMBER = /^-?\d+(\.\d+)?$/;

function controlsOf(form, question) {
  return Array.from(form.elements).filter((control) => control.name === question.id);
}

// What the reader typed or ticked, as strings (kept verbatim, even if invalid).
function readRaw(form, definition) {
  const raw = {};
  for (const question of definition.questions) {
    const controls = controlsOf(form, question);
    if (question.type === "multichoice") {
      raw[question.id] = controls.filter((c) => c.checked).map((c) => c.value);
    } else if (controls.length && controls[0].type === "radio") {
      const checked = controls.find((c) => c.checked);
      if (checked) raw[question.id] = checked.value;
    } else if (controls.length && controls[0].value !== "") {
      raw[question.id] = controls[0].value;
    }
  }
  return raw;
}

function writeRaw(form, definition, raw) {
  for (const question of definition.questions) {
    const value = raw[question.id];
    for (const control of controlsOf(form, question)) {
      if (control.type === "radio") control.checked = value !== undefined && control.value === String(value);
      else if (control.type === "checkbox") control.checked = Array.isArray(value) && value.includes(control.value);
      else control.value = value === undefined || value === null ? "" : String(value);
    }
  }
}

// The engine's input: numbers as numbers where they parse, anything else verbatim
// so the engine can say exactly what it expected.
function toAnswers(definition, raw) {
  const answers = {};
  for (const question of definition.questions) {
    if (!(question.id in raw)) continue;
    let value = raw[question.id];
    if ((question.type === "integer" || question.type === "number") && typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed === "") continue;
      value = NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
    }
    answers[question.id] = value;
  }
  return answers;
}

// ---------------------------------------------------------------- sharing

function encodeShare(questionnaire, raw) {
  return SHARE_PREFIX + encodeURIComponent(JSON.stringify({ q: questionnaire, a: raw }));
}

function decodeShare(hash) {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  try {
    const data = JSON.parse(decodeURIComponent(hash.slice(SHARE_PREFIX.length)));
    if (typeof data.q === "string" && data.a && typeof data.a === "object") return data;
  } catch {
    // A damaged link fills nothing.
  }
  return null;
}

// ---------------------------------------------------------------- result

// "See: <the guide's heading>" for each advice ID a reason rests on.
function adviceLinks(advice, links) {
  const known = advice.filter((id) => links[id]);
  if (!known.length) return null;
  const list = element("span", { class: "result__advice" }, "See: ");
  known.forEach((id, index) => {
    if (index) list.append("; ");
    list.append(element("a", { href: links[id].href, "data-advice": id }, links[id].title));
  });
  return list;
}

function renderDocument(doc) {
  const box = element("div", { class: "result__document", "data-document": doc.id });
  box.append(element("p", { class: "result__document-title" }, element("strong", {}, doc.title)));
  if (doc.kind === "list") {
    const list = element("ul");
    for (const line of doc.content.split("\n").filter(Boolean)) list.append(element("li", {}, line));
    box.append(list);
  } else if (doc.kind !== "ics") {
    box.append(element("pre", { class: "result__draft" }, doc.content));
  }
  const actions = element("p", { class: "result__document-actions" });
  if (doc.kind === "ics") {
    const blob = new Blob([doc.content], { type: doc.media_type || "text/calendar" });
    actions.append(
      element(
        "a",
        { class: "md-button", href: URL.createObjectURL(blob), download: doc.filename || `${doc.id}.ics` },
        `Download ${doc.filename || "the calendar"}`,
      ),
    );
  } else {
    const button = element("button", { type: "button", class: "md-button", "data-copy": doc.id }, `Copy “${doc.title}”`);
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(doc.content);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Select the text above to copy it";
      }
    });
    actions.append(button);
  }
  box.append(actions);
  return box;
}

function section(title, ...children) {
  return element("div", { class: "result__section" }, element("p", { class: "result__heading" }, element("strong", {}, title)), ...children);
}

function renderResult(region, result, context) {
  const { links, labels } = context;
  region.replaceChildren();
  if (result.outcome) region.dataset.outcome = result.outcome;
  else delete region.dataset.outcome;
  region.append(
    element("p", { class: "result__title" }, element("strong", {}, result.title)),
    element("p", { class: "result__summary" }, result.summary),
  );
  if (result.provisional) {
    region.append(element("p", { class: "result__provisional" }, "Provisional: a few answers are still missing."));
  }
  if (result.reasons && result.reasons.length) {
    const list = element("ul", { class: "result__reasons" });
    for (const reason of result.reasons) list.append(element("li", {}, reason.text, " ", adviceLinks(reason.advice, links)));
    region.append(section("Why", list));
  }
  if (result.flags && result.flags.length) {
    const list = element("ul", { class: "result__flags" });
    for (const flag of result.flags) {
      list.append(element("li", { "data-flag": flag.id }, flag.text, " ", adviceLinks(flag.advice, links)));
    }
    region.append(section("Watch out", list));
  }
  if (result.change && result.change.length) {
    const list = element("ul", { class: "result__change" });
    for (const change of result.change) list.append(element("li", {}, change.text));
    region.append(section("What would change this", list));
  }
  if (result.missing && result.missing.length) {
    const list = element("ul", { class: "result__missing" });
    for (const id of result.missing) list.append(element("li", {}, labels[id] || id));
    region.append(section("Still to answer", list));
  }
  if (result.actions && result.actions.length) {
    const list = element("ul", { class: "result__actions" });
    for (const action of result.actions) list.append(element("li", {}, action.text, " ", adviceLinks(action.advice || [], links)));
    region.append(section("What to do next", list));
  }
  if (result.documents && result.documents.length) {
    region.append(section("Your drafts", ...result.documents.map(renderDocument)));
  }
}

// ---------------------------------------------------------------- field errors

function clearFieldErrors(form) {
  for (const error of form.querySelectorAll(".question__error")) {
    error.hidden = true;
    error.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

function showFieldError(form, questionnaire, question, message) {
  const error = form.querySelector(`#q-${questionnaire}-${question}-error`);
  if (error) {
    error.textContent = message;
    error.hidden = false;
  }
  for (const control of form.elements) {
    if (control.name === question) control.setAttribute("aria-invalid", "true");
  }
}

// ---------------------------------------------------------------- one form

function describeAnswer(question, value) {
  if (question.options) {
    const pick = (v) => (question.options.find((o) => String(o.value) === String(v)) || { label: v }).label;
    return Array.isArray(value) ? value.map(pick).join("; ") || "none" : pick(value);
  }
  return `${value}${question.unit ? ` ${question.unit}` : ""}`;
}

function bind(root) {
  const form = root.querySelector("form[data-questionnaire]");
  const region = root.querySelector("[data-result]");
  const status = form.querySelector("[data-engine-status]");
  const notice = form.querySelector("[data-notice]");
  const data = JSON.parse(root.dataset.questionnaireData);
  const { definition, advice: links } = data;
  const questionnaire = definition.id;
  const labels = Object.fromEntries(definition.questions.map((q) => [q.id, q.label]));
  const storageKey = STORAGE_PREFIX + questionnaire;
  const placeholder = Array.from(region.childNodes, (node) => node.cloneNode(true));
  const showPlaceholder = () => {
    region.replaceChildren(...placeholder.map((node) => node.cloneNode(true)));
    delete region.dataset.outcome;
  };
  let sequence = 0;
  let lastResult = null;

  form.querySelector(".questionnaire__actions").hidden = false;

  const shared = decodeShare(location.hash);
  if (shared && shared.q === questionnaire) {
    writeRaw(form, definition, shared.a);
    storageSet(storageKey, shared.a);
    history.replaceState(history.state, "", location.pathname + location.search);
  } else {
    const saved = storageGet(storageKey);
    if (saved) writeRaw(form, definition, saved);
  }

  const setEngineState = (state) => {
    if (!root.isConnected) return false;
    form.dataset.engine = state;
    status.textContent = state === "error"
      ? `${theEngine().failure} Your answers are kept; reload the page to try again, or print this page and use it as a worksheet.`
      : STATUS_TEXT[state];
    status.hidden = state === "ready";
    if (state === "ready") update();
  };

  async function update() {
    const raw = readRaw(form, definition);
    const hasAnswers = Object.values(raw).some((v) => (Array.isArray(v) ? v.length : true));
    storageSet(storageKey, hasAnswers ? raw : null);
    if (theEngine().state !== "ready") return; // evaluated as soon as it is ready
    const mine = ++sequence;
    let reply;
    try {
      reply = await theEngine().evaluate(questionnaire, toAnswers(definition, raw));
    } catch (error) {
      form.dataset.engine = "error";
      status.hidden = false;
      status.textContent = `The engine could not work out a result (${error.message}). Your answers are kept.`;
      return;
    }
    if (mine !== sequence) return; // a newer answer is on its way
    clearFieldErrors(form);
    if (reply.type === "INVALID") {
      if (reply.question) showFieldError(form, questionnaire, reply.question, reply.message);
      region.querySelector(".result__invalid")?.remove();
      region.prepend(element("p", { class: "result__invalid" }, `Check this answer: ${reply.message}`));
      return;
    }
    lastResult = reply.result;
    if (!hasAnswers) {
      showPlaceholder();
      return;
    }
    renderResult(region, reply.result, { links, labels });
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());

  form.querySelector('[data-action="erase"]').addEventListener("click", () => {
    form.reset();
    for (const control of form.elements) if (control.type === "text" || control.type === "date") control.value = "";
    storageSet(storageKey, null);
    clearFieldErrors(form);
    showPlaceholder();
    lastResult = null;
    notice.textContent = "Your answers were erased from this browser.";
  });

  form.querySelector('[data-action="share"]').addEventListener("click", async () => {
    const link = location.origin + location.pathname + encodeShare(questionnaire, readRaw(form, definition));
    try {
      await navigator.clipboard.writeText(link);
      notice.textContent = "Link copied. It holds your answers in the part after #, which is never sent to a server.";
    } catch {
      notice.replaceChildren("Copy this link: ", element("input", { type: "text", readonly: true, value: link, "aria-label": "Link with your answers" }));
    }
  });

  form.querySelector('[data-action="print"]').addEventListener("click", () => {
    const raw = readRaw(form, definition);
    const answers = element("dl", { class: "plan__answers" });
    for (const question of definition.questions) {
      const value = raw[question.id];
      if (value === undefined || (Array.isArray(value) && !value.length && question.type !== "multichoice")) continue;
      answers.append(element("dt", {}, question.label), element("dd", {}, describeAnswer(question, value)));
    }
    const plan = element(
      "section",
      { class: "questionnaire__plan", "data-plan": "" },
      element("h2", {}, `My plan: ${definition.title}`),
      element("p", {}, `Made on ${new Date().toISOString().slice(0, 10)} with “${document.title}”.`),
      element("h3", {}, "My answers"),
      answers,
      element("h3", {}, "My result"),
      lastResult ? region.cloneNode(true) : element("p", {}, "No result yet."),
    );
    plan.querySelectorAll("[aria-live]").forEach((n) => n.removeAttribute("aria-live"));
    plan.querySelectorAll("button").forEach((n) => n.remove());
    root.querySelector("[data-plan]")?.remove();
    root.append(plan);
    document.body.dataset.printing = "plan";
    root.dataset.printPlan = "";
    const done = () => {
      delete document.body.dataset.printing;
      delete root.dataset.printPlan;
      plan.remove();
    };
    window.addEventListener("afterprint", done, { once: true });
    window.print();
  });

  theEngine(data.engine).onChange(setEngineState);
}

function bindAll() {
  const roots = document.querySelectorAll("[data-questionnaire-root]:not([data-bound])");
  for (const root of roots) {
    root.dataset.bound = "";
    bind(root);
  }
}

// Material's instant navigation swaps the page without reloading scripts and
// announces each page on document$; without it, run once.
if (window.document$) window.document$.subscribe(bindAll);
else bindAll();
