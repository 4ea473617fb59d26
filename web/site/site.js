// Accessibility touches on Material's markup, run on every page (instant
// navigation included): a name for the search dialog, and keyboard access to
// the row of tab labels, which scrolls sideways on a phone. (Task-list boxes
// take their names from their items' words: task-lists.js.)
function nameUnlabelledControls() {
  for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
    dialog.setAttribute("aria-label", "Search the guide");
  }
  for (const labels of document.querySelectorAll(".tabbed-labels:not([tabindex])")) {
    labels.setAttribute("tabindex", "0");
  }
}

if (window.document$) window.document$.subscribe(nameUnlabelledControls);
else nameUnlabelledControls();
