import type { Area, Bank, Element } from './schema.js';

// Questions about a bank already parsed: which questions, in what order, under what name. Pure.

/** Every scored question of the bank in asking order, with its area and element. */
export function questionsOf(bank: Bank) {
  return bank.areas.flatMap((area) =>
    area.elements.flatMap((element) => element.questions.map((question) => ({ area, element, question }))),
  );
}

/** The heading profile questions are asked and listed under (they belong to no area). */
export const PROFILE_AREA_ID = 'profile';

/** Profile questions first (under a heading of their own), then every scored question: the order of the audit and the answers file. */
export function allQuestionsOf(bank: Bank) {
  const profile = (bank.profile ?? []).length;
  if (profile === 0) return questionsOf(bank);
  const element: Element = {
    id: `${PROFILE_AREA_ID}.team`,
    title: 'About your team',
    weight: 1,
    questions: bank.profile,
  };
  const area: Area = { id: PROFILE_AREA_ID, title: 'Profile', elements: [element] };
  return [...bank.profile.map((question) => ({ area, element, question })), ...questionsOf(bank)];
}

/** `id@version`, the name an answers file uses for the bank it was given against. */
export function bankRef(bank: Pick<Bank, 'id' | 'version'>): string {
  return `${bank.id}@${bank.version}`;
}
