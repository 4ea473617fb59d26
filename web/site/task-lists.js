// The guide's checklists, made tickable. pymdownx.tasklist writes disabled
// boxes, which look broken on a page meant to be used; here each box works,
// the item's words become its label (its name and its tap target), and what
// is ticked is kept in this browser's localStorage, per page and item. Nothing
// leaves the device. Runs on every page, instant navigation included.

const STORAGE_PREFIX = "offer-guide:tasks:";

function storageKey() {
  return STORAGE_PREFIX + window.location.pathname;
}

// Storage can be refused (a privacy setting, a full quota). The boxes still
// tick then; they are only not remembered, which is what the reader chose.
function readTicked() {
  try {
    const saved = JSON.parse(window.localStorage.getItem(storageKey()) || "[]");
    return new Set(Array.isArray(saved) ? saved : []);
  } catch {
    return new Set();
  }
}

function writeTicked(ticked) {
  try {
    if (ticked.size) window.localStorage.setItem(storageKey(), JSON.stringify([...ticked]));
    else window.localStorage.removeItem(storageKey());
  } catch {
    // Not remembered, as above.
  }
}

// An item is known by its own words (not its nested items), so a ticked item
// stays ticked when others are added or reordered around it.
function wrapWordsInLabel(item, label) {
  const words = [...item.childNodes].filter(
    (node) => node !== label && !(node.nodeType === Node.ELEMENT_NODE && /^(UL|OL)$/.test(node.tagName)),
  );
  label.append(...words);
  return label.textContent.trim().replace(/\s+/g, " ");
}

function bindTaskLists() {
  const boxes = document.querySelectorAll(".md-typeset .task-list-item > .task-list-control > input[type=checkbox]");
  if (!boxes.length) return;
  const ticked = readTicked();
  for (const box of boxes) {
    if (box.dataset.taskItem) continue;
    const label = box.parentElement;
    const name = wrapWordsInLabel(box.closest(".task-list-item"), label);
    box.dataset.taskItem = name;
    box.disabled = false;
    box.checked = ticked.has(name);
    box.addEventListener("change", () => {
      const now = readTicked();
      if (box.checked) now.add(name);
      else now.delete(name);
      writeTicked(now);
    });
  }
}

if (window.document$) window.document$.subscribe(bindTaskLists);
else bindTaskLists();
