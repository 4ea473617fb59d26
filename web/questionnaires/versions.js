// Answers outlive a release. Each definition has a version and declares how
// answers saved under an older one move forward (its `moves`: questions
// renamed, option values renamed, questions removed). Saved answers, share
// links and answers files carry the version they were given under; they are
// moved forward when read. An answer that cannot move is set aside, never
// dropped: the page shows it to the reader until they answer again or let it go.

let known = {}; // questionnaire ID: {version, moves}, as the build wrote them

// Every page tells this module the guide's versions (its data holds them all).
export function learnVersions(versions) {
  if (versions && typeof versions === "object") known = { ...known, ...versions };
}

export const versionOf = (questionnaire) => known[questionnaire]?.version ?? 1;

const isBlank = (value) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);

// A version as stored or linked: a whole number from 1 (anything else reads as 1,
// what answers saved before versions were kept were).
export const readVersion = (value) => (Number.isInteger(value) && value >= 1 ? value : 1);

// {answers, aside}: `answers` (given under `version`) moved to the current
// version; `aside` adds, to those already set aside, each answer to a removed
// question: {question, label (as the reader saw it), value}.
export function moveForward(questionnaire, version, answers, aside = []) {
  let moved = { ...answers };
  const setAside = [...aside];
  for (const move of known[questionnaire]?.moves || []) {
    if (move.to <= version) continue;
    const next = {};
    for (const [question, value] of Object.entries(moved)) next[move.questions?.[question] ?? question] = value;
    for (const [question, pairs] of Object.entries(move.values || {})) {
      if (next[question] === undefined) continue;
      const rename = (value) => (Object.hasOwn(pairs, String(value)) ? String(pairs[String(value)]) : value);
      next[question] = Array.isArray(next[question]) ? next[question].map(rename) : rename(next[question]);
    }
    for (const { id, label } of move.removed || []) {
      if (!isBlank(next[id])) setAside.push({ question: id, label, value: next[id] });
      delete next[id];
    }
    moved = next;
  }
  return { answers: moved, aside: setAside };
}

// {answers, aside}: the answers that fit the questions as they are now, and
// beside those already set aside, each that does not (a question nobody
// declared, a value that is no longer an option).
export function fitting(definition, answers, aside = []) {
  const questions = Object.fromEntries(definition.questions.map((question) => [question.id, question]));
  const fits = {};
  const setAside = [...aside];
  for (const [id, value] of Object.entries(answers)) {
    const question = questions[id];
    const options = question?.options?.map((option) => String(option.value));
    if (isBlank(value)) continue;
    if (!question) {
      setAside.push({ question: id, label: null, value });
    } else if (!options) {
      fits[id] = value;
    } else if (Array.isArray(value)) {
      // Of several ticked, those still offered stay; the others are set aside.
      const kept = value.filter((one) => options.includes(String(one)));
      const gone = value.filter((one) => !options.includes(String(one)));
      if (kept.length) fits[id] = kept;
      if (gone.length) setAside.push({ question: id, label: question.label, value: gone });
    } else if (options.includes(String(value))) {
      fits[id] = value;
    } else {
      setAside.push({ question: id, label: question.label, value });
    }
  }
  return { answers: fits, aside: setAside };
}

// What the reader gave, in their words: a value, or values joined.
export const shownValue = (value) => (Array.isArray(value) ? value.join(", ") : String(value));
