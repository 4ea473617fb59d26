// The one way the page scripts make elements (text goes in as text, never as
// HTML), and what every page script shares: copy buttons, links to the guide's
// advice, and binding parts of a page across Material's instant navigation.

export function element(tag, attributes = {}, ...children) {
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

// A button that copies a draft's text, saying when the browser refuses.
export function copyButton(doc) {
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

// "Open in my email app": a mailto: link with the draft's subject and body (the
// address left for the reader to fill in); null for a draft that is no message.
export function mailLink(doc) {
  if (!doc.subject) return null;
  const body = doc.content.split("\n").slice(1).join("\n").replace(/^\n+/, "");
  const query = `subject=${encodeURIComponent(doc.subject)}&body=${encodeURIComponent(body)}`;
  return element("a", { class: "md-button", href: `mailto:?${query}`, "data-mail": doc.id }, "Open in my email app");
}

// "<label><heading>; <heading>…" linking each advice ID the build knows
// (`links`: {id: {href, title, page}}), with each heading's page named after
// it when `withPage`; null when none is known.
export function adviceLine(advice, links, { label, className, withPage = false }) {
  const known = (advice || []).filter((id) => links[id]);
  if (!known.length) return null;
  const line = element("span", { class: className }, label);
  known.forEach((id, index) => {
    if (index) line.append("; ");
    const { href, title, page } = links[id];
    line.append(element("a", { href, "data-advice": id }, title), withPage && page ? ` (${page})` : "");
  });
  return line;
}

// Material's instant navigation swaps the page without reloading scripts and
// announces each new page on document$. Binds `bind(root)` to every element
// matching `selector` (unless `skip(root)`), and lets go of those whose page
// was left, so nothing keeps them (or their listeners) alive. `bind` returns
// the function that lets its root go.
export function bindOnEveryPage(selector, bind, skip = () => false) {
  const bound = new Map();
  const bindPage = () => {
    for (const [root, unbind] of bound) {
      if (root.isConnected) continue;
      unbind();
      bound.delete(root);
    }
    for (const root of document.querySelectorAll(selector)) {
      if (!bound.has(root) && !skip(root)) bound.set(root, bind(root));
    }
  };
  if (window.document$) window.document$.subscribe(bindPage);
  else bindPage();
}
