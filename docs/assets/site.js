// Accessibility touches on Material's markup, run on every page (instant
// navigation included): names for the search dialog and for task-list boxes.
function nameUnlabelledControls() {
  for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
    dialog.setAttribute("aria-label", "Search the guide");
  }
  // pymdownx.tasklist wraps each box in an empty label; the item's text names it.
  for (const box of document.querySelectorAll(".task-list-item input[type=checkbox]:not([aria-label])")) {
    const item = box.closest(".task-list-item");
    box.setAttribute("aria-label", item.textContent.trim().replace(/\s+/g, " "));
  }
}

if (window.document$) window.document$.subscribe(nameUnlabelledControls);
else nameUnlabelledControls();
