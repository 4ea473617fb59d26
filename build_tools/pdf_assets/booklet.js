// Turn the print page (mkdocs-print-site-plugin) into a booklet: a cover, a
// contents list with page-number slots, and the guide's pages, with every
// piece of site chrome left behind. build_tools/pdf.py evaluates this with
// the page's own scripts switched off, so no engine ever starts here.
({ cover, depth, styles }) => {
  const guide = document.getElementById("print-site-page");
  if (!guide) {
    throw new Error("no #print-site-page: is mkdocs-print-site-plugin enabled?");
  }

  const element = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  };

  // Self-links beside headings and the plugin's per-page styles mean nothing on paper.
  guide.querySelectorAll(".headerlink, script, style").forEach((node) => node.remove());

  const frontCover = element(
    "section",
    { class: "booklet-cover" },
    element("p", { class: "booklet-cover__kicker" }, "A practical guide"),
    element("p", { class: "booklet-cover__title" }, cover.title),
    element("p", { class: "booklet-cover__subtitle" }, cover.subtitle),
    element(
      "p",
      { class: "booklet-cover__edition" },
      `Version ${cover.version} \u00b7 ${cover.date}`,
    ),
    element(
      "p",
      { class: "booklet-cover__note" },
      "Every questionnaire is printed as a worksheet: tick the boxes, write on the lines, " +
        "then read your answers with the rules beneath it.",
    ),
  );

  // One entry per page (h1) and, below it, its sections down to `depth`.
  const headings = [...guide.querySelectorAll("section.print-page")].flatMap((section) =>
    [...section.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(
      (heading) => heading.id && Number(heading.tagName[1]) <= depth,
    ),
  );
  const entries = headings.map((heading) =>
    element(
      "li",
      { class: `booklet-toc__entry booklet-toc__entry--${heading.tagName.toLowerCase()}` },
      element(
        "a",
        { href: `#${heading.id}` },
        element("span", { class: "booklet-toc__title" }, heading.textContent.trim()),
        element("span", { class: "booklet-toc__leader", "aria-hidden": "true" }),
        element("span", { class: "booklet-toc__page", "data-toc-page": heading.id }, "00"),
      ),
    ),
  );
  const contents = element(
    "nav",
    { class: "booklet-toc", "aria-labelledby": "booklet-contents" },
    element("h1", { id: "booklet-contents" }, "Contents"),
    element("ol", {}, ...entries),
  );

  const article = element("article", { class: "md-content__inner md-typeset booklet-body" }, guide);
  document.body.replaceChildren(element("main", { class: "booklet" }, frontCover, contents, article));
  document.body.dataset.booklet = "";
  document.head.append(element("style", {}, styles));
  return headings.map((heading) => heading.id);
};
