// Opening a share link (`#answers=...`) over different answers saved in this
// browser asks first. Both sets are kept until the reader chooses: the saved
// ones in storage and on screen, the link's in the address bar.

import { element } from "./dom.js";

let choices = 0;

// Shows the choice at the top of the form; calls useLink() or keepSaved() once.
export function askWhichAnswers(form, { useLink, keepSaved }) {
  const id = `answers-choice-${++choices}`;
  const choice = element(
    "div",
    { class: "questionnaire__choice", role: "group", "aria-labelledby": id },
    element("p", { id, class: "questionnaire__choice-title" }, element("strong", {}, "Answers from a link")),
    element(
      "p",
      {},
      "The link you opened holds different answers from the ones saved in this browser. " +
        "Which do you want to keep? The others will be replaced.",
    ),
  );
  const button = (label, action) => {
    const node = element("button", { type: "button", class: "md-button" }, label);
    node.addEventListener("click", () => {
      choice.remove();
      action();
    });
    return node;
  };
  choice.append(
    element(
      "p",
      { class: "questionnaire__choice-actions" },
      button("Use the answers from the link", useLink),
      " ",
      button("Keep my saved answers", keepSaved),
    ),
  );
  form.querySelector(".questionnaire__privacy").after(choice);
}
