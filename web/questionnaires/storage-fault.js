// Said beside the result when this browser refuses to keep the answers
// (storage full, or blocked for this site): the form still works, but the
// answers go with the page, so the reader hears it while they can still
// take them along in a share link.

import { element } from "./dom.js";

const FAULT_TEXT =
  "Your answers can't be kept in this browser: it refused to save them (its storage is full, " +
  "or turned off for this site), so they will be gone when you leave or reload this page. " +
  "To keep them, use “Copy a link with my answers” and keep the link somewhere safe.";

// The note's place, empty until needed: above the result region, where the
// reader looks. Made at once, so a screen reader hears it when it is filled.
export function faultSlot(region) {
  const slot = element("p", { class: "questionnaire__fault", "data-storage-fault": "", role: "status" });
  slot.hidden = true;
  region.before(slot);
  return slot;
}

export function sayIfNotKept(slot, kept) {
  const text = kept ? "" : FAULT_TEXT;
  if (slot.textContent !== text) slot.textContent = text;
  slot.hidden = kept;
}
