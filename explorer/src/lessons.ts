/**
 * Lessons: presets that set every control and explain, for students, what the class is looking at.
 *
 * Each lesson sets all controls (the page's defaults, then the lesson's own values), so a lesson
 * always shows the same picture, and its link reproduces it. The explanations follow the model as
 * implemented (MODEL.md; docs/simulation.md) and cite the findings it was built to reproduce
 * (SCIENCE.md). Seeds were chosen so that the first days shown contain what the text describes;
 * tests/explore-lessons.test.ts checks that each lesson shows it.
 *
 * Browser-safe: no `node:` imports.
 */
import type { ControlValues } from "./controls.js";

export interface Lesson {
  /** Key in the URL (`lesson=`). */
  id: string;
  title: string;
  /** The controls the lesson sets (the others take the page's defaults). */
  settings: Partial<ControlValues>;
  /** The explanation, one paragraph per entry. */
  text: string[];
  /** Something to try with the sliders. */
  tryThis: string;
  /** Short citations of the findings the lesson mentions. */
  sources: string[];
}

export const LESSONS: readonly Lesson[] = [
  {
    id: "cascade",
    title: "The cascade",
    settings: { coupling: 1.3, seed: 4, fromDay: 1, showDays: 7 },
    text: [
      "Rumination and negative affect feed each other: brooding over what went wrong makes you feel worse, and feeling worse makes you brood more (the Emotional Cascade Model). In the model this push is weak while both are low and strong once either passes a threshold, so this person has two resting states: calm, and the cascade.",
      "Stressors (orange lines) and the ups and downs of an ordinary day can tip the person past the tipping point. Then negative affect and rumination climb together and stay high for hours, until something knocks them out: time, a skill, or an act of self-injury (black lines), which interrupts the cascade.",
      "The phase plot draws rumination against negative affect. The arrows show where the model pushes each state; the filled circles are the two resting states (attractors), the open circle is the tipping point between them. The person's path, coloured by time, jumps from one to the other.",
    ],
    tryThis: "Lower the coupling until the title of the phase plot says “One resting state”: the time in the cascade state falls. Then raise the stressors: stress alone pushes rumination up again, but it comes back down when the stress fades.",
    sources: ["Selby & Joiner 2009, Review of General Psychology", "Selby et al. 2013, Journal of Clinical Psychology"],
  },
  {
    id: "differentiation",
    title: "Emotion differentiation protects",
    settings: { coupling: 1.3, delta: 0.8, seed: 4, fromDay: 1, showDays: 7 },
    text: [
      "Emotion differentiation is telling negative emotions apart: “I feel ashamed” rather than “I feel bad”. On average people with BPD differentiate less. Here 0 means not at all and 1 fully; this is the cascade person of the first lesson with high differentiation.",
      "In the model differentiation does two things. It damps the push from rumination to negative affect (the coupling is multiplied by 1 − 0.8 × differentiation), so a cascade is harder to start. And it changes the answers: the four emotion items (sad, anxious, angry, ashamed) follow their own emotion more and general negative affect less, so they move less in lockstep, and the ICC across the items — the usual measure of differentiation, where a high ICC means low differentiation — falls.",
      "Zaki and colleagues (2013) found in people with BPD that rumination predicted self-injury mainly in those low in differentiation.",
    ],
    tryThis: "Slide differentiation down to 0.1: the cascades of the first lesson come back, and the ICC climbs towards 1 in every column.",
    sources: ["Zaki et al. 2013, Behavior Therapy", "Kalokerinos et al. 2019, Psychological Science"],
  },
  {
    id: "relief",
    title: "The relief trap",
    settings: { coupling: 1.3, delta: 0.2, urgency: 1.5, stressRate: 0.25, relief: 3, rebound: 0.2, seed: 6, fromDay: 1, showDays: 7 },
    text: [
      "Why is self-injury so hard to stop? In the model an act lowers negative affect at once (relief) and cuts rumination: it interrupts the cascade. That drop is a reward. After each act the reinforcement strength W grows by a tenth of the difference between the relief and W (a Rescorla-Wagner learning rule), and W raises the chance of the next act whenever the person is distressed. This is negative reinforcement: the act takes something unpleasant away, so it is learnt, and W fades only slowly without acts.",
      "The rebound (shame) adds stress right after the act, so negative affect climbs again over the next hour. With a small rebound the relief shows in the timeline. With a large one, hourly ESM finds negative affect as high or higher an hour after an act (Houben et al. 2017; Kaess et al. 2021), while the relief in the first minutes, seen in the laboratory (Reitz et al. 2015), still does its teaching.",
    ],
    tryThis: "Lower the relief to 1 and raise the rebound to 2: an hour after each act (black line) negative affect is back where it was. Then set relief to 0: the acts no longer teach anything, and the reinforcement at the end of the study (in the panel) stays near 0.",
    sources: ["Reitz et al. 2015, British Journal of Psychiatry", "Houben et al. 2017", "Kaess et al. 2021"],
  },
  {
    id: "skills",
    title: "What skills change",
    settings: { coupling: 1.3, delta: 0.2, urgency: 1.5, stressRate: 0.25, relief: 3, rebound: 0.2, skills: 0.8, seed: 6, fromDay: 1, showDays: 7 },
    text: [
      "Dialectical behaviour therapy (DBT) teaches skills to use when distress is high. In the model a person with skills level K uses a skill at a rate of K per hour while negative affect is above its threshold. A skill (green lines) lowers negative affect by one unit, like a small relief, but it does not strengthen the reinforcement of self-injury.",
      "Skills compete with self-injury as a way out of the cascade: fewer acts happen, and without acts the learnt reinforcement fades. This is the person of “The relief trap” with skills at 0.8. In the full model DBT also raises differentiation and lowers urgency over months; here the slider sets the skills level directly, as if treatment were complete.",
      "In randomised trials DBT reduced suicidal and self-harming behaviour compared with control treatments (Panos et al. 2014: Hedges' g = −0.62 over five trials).",
    ],
    tryThis: "Slide skills from 0 to 1 and watch the count of acts and the reinforcement at the end in the panel.",
    sources: ["Linehan 1993", "Panos et al. 2014, Research on Social Work Practice"],
  },
  {
    id: "esm",
    title: "What ESM misses",
    settings: { coupling: 1.3, perDay: 3, compliance: 0.8, distressSkip: -0.8, seed: 4, fromDay: 1, showDays: 7 },
    text: [
      "An ESM study sees the person only when the phone asks and the person answers. With three prompts a day much of a cascade happens between prompts. Acts are known only from the self-injury item of the next answered prompt, which asks about the time since the last signal, so an act before a missed prompt is never reported.",
      "People in distress skip prompts more often: here each unit of negative affect lowers the log-odds of answering by 0.8. The worst moments are missing not at random, so the study's mean negative affect is lower than the truth at every prompt, and its instability is off too. Compare the acts that happened with the acts reported.",
      "Even a perfect study is not the truth: the true MSSD at every prompt differs from the one every waking hour, because MSSD depends on the time between measurements.",
    ],
    tryThis: "Raise the prompts to 12 a day, compliance to 0.95 and skipping to 0, and watch the study's column move towards the truth.",
    sources: ["Trull et al. 2008, Journal of Abnormal Psychology", "de Haan-Rietdijk et al. 2017, Frontiers in Psychology"],
  },
  {
    id: "notOnlyBpd",
    title: "Instability is not only BPD",
    settings: { coupling: 0.4, delta: 0.55, urgency: 0.2, stressRate: 0.6, reactivity: 2.5, seed: 4, fromDay: 1, showDays: 7 },
    text: [
      "Large and frequent swings of negative affect — affective instability — are a core finding of ESM studies of BPD. But they are not specific to BPD: patients with PTSD or bulimia were as unstable as patients with BPD (Santangelo et al. 2014).",
      "This person has weak coupling, good differentiation and low urgency: one resting state (calm), no cascade to be trapped in, hardly any self-injury. But stressors come often and hit hard, as after trauma: negative affect jumps with each one, rumination follows it up and comes back down as the stress fades. Compare the MSSD and PAC with those of “The cascade” (the same seed): a high MSSD tells you that affect is unstable, not why.",
    ],
    tryThis: "Lower the stress reactivity: the instability goes away without any change in the cascade's parameters.",
    sources: ["Santangelo et al. 2014, Journal of Abnormal Psychology", "Ebner-Priemer et al. 2007"],
  },
];

/** The lesson with key `id`, if any. */
export function lesson(id: string | undefined): Lesson | undefined {
  return id === undefined ? undefined : LESSONS.find((l) => l.id === id);
}

/** The controls of a lesson: the page's defaults with the lesson's settings on top. */
export function lessonValues(target: Lesson, defaults: ControlValues): ControlValues {
  return { ...defaults, ...target.settings };
}

/** The notice shown on every page: what this tool is not. */
export const NOT_CLINICAL =
  "Not a clinical tool. The explorer shows one synthetic person from a simplified model, for research and teaching. It does not assess, predict or monitor anyone's risk of self-injury or suicide. If you are struggling, talk to someone you trust or to a health professional.";
