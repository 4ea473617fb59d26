// "See your recommendation": on a phone the result sits below the whole form,
// out of sight when the last needed answer is given. Once a questionnaire's
// result region carries an outcome (data-outcome, set by the result view), a
// button appears that takes the reader there in one tap, moving focus too.
// The region announces the result itself (aria-live); this only makes it
// reachable. Runs on every page, instant navigation included.

const JUMP_TEXT = "See your recommendation";

function showResult(region) {
  // Focusable by script only, so focus can land on the result it announces.
  if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "-1");
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  region.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  region.focus({ preventScroll: true });
}

function addResultJump(root) {
  const region = root.querySelector("[data-result]");
  if (!region || root.querySelector("[data-result-jump]")) return;
  const jump = document.createElement("button");
  jump.type = "button";
  jump.className = "md-button md-button--primary questionnaire__jump";
  jump.dataset.resultJump = "";
  jump.textContent = JUMP_TEXT;
  jump.addEventListener("click", () => showResult(region));
  region.before(jump);
  // The result view clears and redraws the region on every answer; observers
  // run after it is done, so the button follows the outcome without flicker.
  const follow = () => {
    jump.hidden = !region.hasAttribute("data-outcome");
  };
  new MutationObserver(follow).observe(region, { attributes: true, attributeFilter: ["data-outcome"] });
  follow();
}

function addResultJumps() {
  for (const root of document.querySelectorAll("[data-questionnaire-root]")) addResultJump(root);
}

if (window.document$) window.document$.subscribe(addResultJumps);
else addResultJumps();
