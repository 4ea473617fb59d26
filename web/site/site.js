// Accessibility touches on Material's markup, run on every page (instant
// navigation included): a name for the search dialog, and keyboard access to
// the row of tab labels, which scrolls sideways on a phone. (Task-list boxes
// take their names from their items' words: task-lists.js.) And no page of
// the guide works inside another site's frame.
function nameUnlabelledControls() {
  for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
    dialog.setAttribute("aria-label", "Search the guide");
  }
  for (const labels of document.querySelectorAll(".tabbed-labels:not([tabindex])")) {
    labels.setAttribute("tabindex", "0");
  }
}

// Another site could show the guide inside a frame of its own and trick a
// click on one of its buttons (My plan's "Erase everything"). A host that
// reads _headers refuses the frame (frame-ancestors 'none'); on one that sends
// no headers (GitHub Pages), a framed page hides itself and links to itself.
// This file is the page's own script, so the policy allows it as it is; a
// frame that forbids scripts shows the page, but then none of its buttons work.
function refuseFraming() {
  if (window.top === window.self || document.documentElement.hasAttribute("data-framed")) return;
  const link = document.createElement("a");
  link.href = window.location.href;
  link.target = "_top";
  link.rel = "noopener";
  link.textContent = "Open the guide on its own";
  const notice = document.createElement("p");
  notice.className = "framed-notice";
  notice.append("This guide does not work inside another site's page. ", link, ".");
  document.body.prepend(notice);
  document.documentElement.dataset.framed = "";
}

refuseFraming();
if (window.document$) window.document$.subscribe(nameUnlabelledControls);
else nameUnlabelledControls();
