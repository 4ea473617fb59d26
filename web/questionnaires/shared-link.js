// Opening a share link (`#answers=...`) over different answers saved in this
// browser asks first. Both sets are kept until the reader chooses: the saved
// ones in storage and on screen, the link's in the address bar. A link's text
// answer longer than its question takes is left out, and said beside it.

import { element } from "./dom.js";
import { fitsQuestion, removeNote, showNote } from "./fields.js";

const REFUSED = "refused";

// {answers, refused}: the link's answers that fit their questions, and the
// IDs of the questions whose answer was left out.
export function boundedAnswers(definition, shared) {
  const answers = { ...shared };
  const refused = [];
  for (const question of definition.questions) {
    if (question.id in answers && !fitsQuestion(question, answers[question.id])) {
      delete answers[question.id];
      refused.push(question.id);
    }
  }
  return { answers, refused };
}

export function sayRefused(form, definition, refused) {
  for (const question of definition.questions.filter((q) => refused.includes(q.id))) {
    showNote(
      form,
      question.id,
      REFUSED,
      `The link held a longer answer here than this question takes (at most ${question.max_length} ` +
        "characters), so it was left out. Type it again here if you need it.",
    );
  }
}

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

// The reader answered the question: the link's refusal is past.
export function forgetRefused(form, questionId) {
  removeNote(form, questionId, REFUSED);
}
