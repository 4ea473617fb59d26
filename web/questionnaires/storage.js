// The keys the guide keeps in this browser's storage, named once. Every key
// starts with GUIDE_PREFIX: what My plan's "Erase everything" removes.
// (The site's task lists, a classic script, keep "offer-guide:tasks:" keys.)

export const GUIDE_PREFIX = "offer-guide:";

// A questionnaire's saved answers, as typed.
export const answersKey = (questionnaire) => `${GUIDE_PREFIX}answers:${questionnaire}`;

// A value one questionnaire hands another, filled in once there.
export const handOffKey = (questionnaire) => `${GUIDE_PREFIX}handoff:${questionnaire}`;
